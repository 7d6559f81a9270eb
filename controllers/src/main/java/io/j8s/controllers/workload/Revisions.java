package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: the {@code deployment.kubernetes.io/*} annotations, as upstream writes them and as
 * kubectl's rollout history and undo read them: the revision of each ReplicaSet (and of the
 * Deployment), the revisions a reused ReplicaSet had before, and the replica counts a
 * ReplicaSet was last sized for (which proportional scaling reads back).
 */
final class Revisions {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
  static final String MAX = "deployment.kubernetes.io/max-replicas";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
  /** Upstream's limit on the revision-history annotation's length. */
  static final int HISTORY_LIMIT_CHARS = 2000;
  private static final Set<String> NOT_COPIED = Set.of(LAST_APPLIED, REVISION, HISTORY, DESIRED, MAX, ROLLBACK_TO);

  private Revisions() {}

  static Map<String, String> annotations(ReplicaSet rs) {
    if (rs.getMetadata().getAnnotations() == null) rs.getMetadata().setAnnotations(new LinkedHashMap<>());
    return rs.getMetadata().getAnnotations();
  }

  /** The revision annotation as a number; 0 if absent or unreadable. */
  static long of(ReplicaSet rs) {
    var a = rs.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(REVISION);
    if (v == null) return 0;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long max(List<ReplicaSet> rss) {
    long m = 0;
    for (ReplicaSet rs : rss) m = Math.max(m, of(rs));
    return m;
  }

  /** Copies the Deployment's own annotations (not the ones above, nor last-applied) onto the ReplicaSet. */
  static boolean copyDeploymentAnnotations(Deployment d, ReplicaSet rs) {
    boolean changed = false;
    Map<String, String> to = annotations(rs);
    var from = d.getMetadata().getAnnotations();
    if (from == null) return false;
    for (var e : from.entrySet()) {
      if (NOT_COPIED.contains(e.getKey()) || e.getValue().equals(to.get(e.getKey()))) continue;
      to.put(e.getKey(), e.getValue());
      changed = true;
    }
    return changed;
  }

  /** Sets desired-replicas and max-replicas; true if either changed. */
  static boolean setReplicas(ReplicaSet rs, int desired, int max) {
    Map<String, String> a = annotations(rs);
    boolean changed = !String.valueOf(desired).equals(a.get(DESIRED)) || !String.valueOf(max).equals(a.get(MAX));
    a.put(DESIRED, String.valueOf(desired));
    a.put(MAX, String.valueOf(max));
    return changed;
  }

  static Integer intAnnotation(ReplicaSet rs, String key) {
    var a = rs.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(key);
    if (v == null) return null;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The new ReplicaSet's annotations for revision {@code newRevision}: Deployment annotations
   * copied, the revision raised (never lowered; the old value appended to revision-history), and
   * for a ReplicaSet being created the replica annotations. True if anything changed.
   */
  static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision, boolean exists, int maxSurge) {
    boolean changed = copyDeploymentAnnotations(d, rs);
    Map<String, String> a = annotations(rs);
    String oldRevision = a.get(REVISION);
    long oldRev = 0;
    if (oldRevision != null && !oldRevision.isEmpty()) {
      try {
        oldRev = Long.parseLong(oldRevision);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (oldRev < newRevision) {
      a.put(REVISION, Long.toString(newRevision));
      changed = true;
    }
    if (oldRevision != null && !oldRevision.isEmpty() && oldRev < newRevision) {
      String history = a.get(HISTORY);
      if (history == null || history.isEmpty()) {
        a.put(HISTORY, oldRevision);
      } else {
        List<String> old = new ArrayList<>(Arrays.asList(history.split(",", -1)));
        int total = history.length() + oldRevision.length() + 1;
        while (total > HISTORY_LIMIT_CHARS && !old.isEmpty()) total -= old.remove(0).length() + 1;
        if (total <= HISTORY_LIMIT_CHARS) {
          old.add(oldRevision);
          a.put(HISTORY, String.join(",", old));
        }
      }
    }
    int replicas = Fenceposts.replicas(d);
    if (!exists && setReplicas(rs, replicas, replicas + maxSurge)) changed = true;
    return changed;
  }
}
