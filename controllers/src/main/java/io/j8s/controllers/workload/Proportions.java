package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: proportional scaling. When a Deployment is resized mid-rollout, the replicas to add (or
 * remove) are spread over its active ReplicaSets in proportion to their size against the
 * max-replicas they were last sized for; the rounding leftover goes to the first (largest).
 */
final class Proportions {
  private Proportions() {}

  /**
   * @param active ReplicaSets with replicas, ordered largest first (newer first when adding, older first when removing)
   * @return new size per ReplicaSet name
   */
  static Map<String, Integer> sizes(List<ReplicaSet> active, Deployment d, int toAdd) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int added = 0;
    for (ReplicaSet rs : active) {
      int spec = DeploymentStatuses.spec(rs);
      if (toAdd != 0) {
        int p = proportion(rs, d, toAdd, added);
        sizes.put(rs.getMetadata().getName(), spec + p);
        added += p;
      } else {
        sizes.put(rs.getMetadata().getName(), spec);
      }
    }
    if (toAdd != added && !active.isEmpty()) {
      String first = active.get(0).getMetadata().getName();
      sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
    }
    return sizes;
  }

  static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (rs == null || DeploymentStatuses.spec(rs) == 0 || toAdd == 0 || toAdd == added) return 0;
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** How many replicas this ReplicaSet gains (or loses) at the Deployment's new size. */
  static int fraction(ReplicaSet rs, Deployment d) {
    int spec = DeploymentStatuses.spec(rs);
    int replicas = Fenceposts.replicas(d);
    if (replicas == 0) return -spec;
    int deploymentReplicas = replicas + Fenceposts.maxSurge(d);
    Integer annotated = Revisions.intAnnotation(rs, Revisions.MAX);
    int was = annotated != null ? annotated : d.getStatus() == null ? 0 : DeploymentStatuses.n(d.getStatus().getReplicas());
    if (was <= 0) return 0;
    double size = (double) spec * deploymentReplicas / was;
    return (int) Math.round(size) - spec;
  }
}
