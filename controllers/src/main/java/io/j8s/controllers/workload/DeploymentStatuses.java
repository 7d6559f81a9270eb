package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Pure: a Deployment's status from its ReplicaSets, and the rollout predicates upstream's deployment util defines. */
final class DeploymentStatuses {
  private DeploymentStatuses() {}

  static int spec(ReplicaSet rs) { return rs == null ? 0 : ReplicaSetPlanner.replicas(rs); }

  static int replicas(ReplicaSet rs) { return rs == null || rs.getStatus() == null ? 0 : n(rs.getStatus().getReplicas()); }

  static int ready(ReplicaSet rs) { return rs == null || rs.getStatus() == null ? 0 : n(rs.getStatus().getReadyReplicas()); }

  static int available(ReplicaSet rs) { return rs == null || rs.getStatus() == null ? 0 : n(rs.getStatus().getAvailableReplicas()); }

  static int n(Integer i) { return i == null ? 0 : i; }

  static long n(Long l) { return l == null ? 0 : l; }

  static boolean hasProgressDeadline(Deployment d) {
    Integer s = d.getSpec().getProgressDeadlineSeconds();
    return s != null && s != Integer.MAX_VALUE;
  }

  static DeploymentStatus calculate(List<ReplicaSet> all, ReplicaSet newRS, Deployment d, Instant now) {
    int available = 0, total = 0, actual = 0, ready = 0;
    for (ReplicaSet rs : all) {
      available += available(rs);
      total += spec(rs);
      actual += replicas(rs);
      ready += ready(rs);
    }
    DeploymentStatus old = d.getStatus();
    DeploymentStatus s = new DeploymentStatus();
    s.setObservedGeneration(d.getMetadata().getGeneration());
    s.setReplicas(actual);
    s.setUpdatedReplicas(replicas(newRS));
    s.setReadyReplicas(ready);
    s.setAvailableReplicas(available);
    s.setUnavailableReplicas(Math.max(0, total - available));
    s.setCollisionCount(old == null ? null : old.getCollisionCount());
    s.setConditions(new ArrayList<>(old == null || old.getConditions() == null ? List.of() : old.getConditions()));
    if (available >= Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d)) {
      Conditions.set(s, Conditions.make(Conditions.AVAILABLE, "True", Conditions.MIN_AVAILABLE, "Deployment has minimum availability.", now));
    } else {
      Conditions.set(s, Conditions.make(Conditions.AVAILABLE, "False", Conditions.MIN_UNAVAILABLE, "Deployment does not have minimum availability.", now));
    }
    return s;
  }

  /** Every replica updated and available, none old, this generation observed. */
  static boolean complete(Deployment d, DeploymentStatus s) {
    int r = Fenceposts.replicas(d);
    return n(s.getUpdatedReplicas()) == r && n(s.getReplicas()) == r && n(s.getAvailableReplicas()) == r
        && n(s.getObservedGeneration()) >= n(d.getMetadata().getGeneration());
  }

  /** Any progress since the stored status: more updated, fewer old, more ready or more available pods. */
  static boolean progressing(Deployment d, DeploymentStatus s) {
    DeploymentStatus old = d.getStatus();
    int oldOld = n(old.getReplicas()) - n(old.getUpdatedReplicas());
    int newOld = n(s.getReplicas()) - n(s.getUpdatedReplicas());
    return n(s.getUpdatedReplicas()) > n(old.getUpdatedReplicas()) || newOld < oldOld
        || n(s.getReadyReplicas()) > n(old.getReadyReplicas()) || n(s.getAvailableReplicas()) > n(old.getAvailableReplicas());
  }

  static boolean timedOut(Deployment d, DeploymentStatus s, Instant now) {
    if (!hasProgressDeadline(d)) return false;
    DeploymentCondition c = Conditions.get(s, Conditions.PROGRESSING);
    if (c == null || Conditions.NEW_RS_AVAILABLE.equals(c.getReason())) return false;
    if (Conditions.TIMED_OUT.equals(c.getReason())) return true;
    Instant from = Times.parse(c.getLastUpdateTime());
    return from != null && from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
  }

  /** When to look again so the progress deadline is noticed, or null. */
  static Duration requeueForDeadline(Deployment d, DeploymentStatus s, Instant now) {
    DeploymentCondition c = Conditions.get(s, Conditions.PROGRESSING);
    if (!hasProgressDeadline(d) || c == null || complete(d, s) || Conditions.TIMED_OUT.equals(c.getReason())) return null;
    Instant from = Times.parse(c.getLastUpdateTime());
    if (from == null) return null;
    Duration after = Duration.between(now, from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()));
    return after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after.plusSeconds(1);
  }

  /** Equal statuses, reading absent counts as 0 and absent conditions as none. */
  static boolean same(DeploymentStatus a, DeploymentStatus b) {
    return n(a.getObservedGeneration()) == n(b.getObservedGeneration()) && n(a.getReplicas()) == n(b.getReplicas())
        && n(a.getUpdatedReplicas()) == n(b.getUpdatedReplicas()) && n(a.getReadyReplicas()) == n(b.getReadyReplicas())
        && n(a.getAvailableReplicas()) == n(b.getAvailableReplicas()) && n(a.getUnavailableReplicas()) == n(b.getUnavailableReplicas())
        && Objects.equals(a.getCollisionCount(), b.getCollisionCount())
        && conds(a).equals(conds(b));
  }

  private static List<String> conds(DeploymentStatus s) {
    if (s.getConditions() == null) return List.of();
    return s.getConditions().stream().map(c -> String.join("|", c.getType(), c.getStatus(), String.valueOf(c.getReason()),
        String.valueOf(c.getMessage()), String.valueOf(c.getLastUpdateTime()), String.valueOf(c.getLastTransitionTime()))).sorted().toList();
  }
}
