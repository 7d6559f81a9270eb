package io.j8s.controllers.workload;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: what one ReplicaSet sync does (create or delete pods) and the status it reports. */
final class ReplicaSetPlanner {
  /** Upstream's burstReplicas: at most this many creates or deletes per sync. */
  static final int BURST = 500;

  private ReplicaSetPlanner() {}

  /** The pod changes one sync makes. */
  sealed interface Manage {
    record Nothing() implements Manage {}

    record Create(int count) implements Manage {}

    record Delete(List<Pod> pods) implements Manage {}
  }

  static int replicas(ReplicaSet rs) {
    Integer r = rs.getSpec().getReplicas();
    return r == null ? 1 : r;
  }

  static int minReadySeconds(ReplicaSet rs) {
    Integer m = rs.getSpec().getMinReadySeconds();
    return m == null ? 0 : m;
  }

  /**
   * @param pods    the active pods this ReplicaSet owns
   * @param related active pods of every ReplicaSet with the same controller (for node ranking)
   */
  static Manage manage(ReplicaSet rs, List<Pod> pods, List<Pod> related, Instant now) {
    int diff = pods.size() - replicas(rs);
    if (diff < 0) return new Manage.Create(Math.min(-diff, BURST));
    if (diff > 0) return new Manage.Delete(DeletionOrder.pick(pods, related, Math.min(diff, BURST), now));
    return new Manage.Nothing();
  }

  /** Slow start: batches of 1, 2, 4, ... that add up to {@code count}; a failed batch stops the rest. */
  static List<Integer> batches(int count) {
    List<Integer> out = new ArrayList<>();
    int remaining = count;
    for (int size = Math.min(remaining, 1); size > 0; size = Math.min(2 * size, remaining)) {
      out.add(size);
      remaining -= size;
    }
    return out;
  }

  /** A new pod from the ReplicaSet's template, named {@code <rs>-<5 random chars>} by the API server. */
  static Pod podFor(ReplicaSet rs) {
    var t = rs.getSpec().getTemplate();
    var tm = t.getMetadata();
    var meta = new ObjectMetaBuilder()
        .withGenerateName(rs.getMetadata().getName() + "-")
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(tm == null || tm.getLabels() == null ? null : new LinkedHashMap<>(tm.getLabels()))
        .withAnnotations(tm == null || tm.getAnnotations() == null ? null : new LinkedHashMap<>(tm.getAnnotations()))
        .withFinalizers(tm == null || tm.getFinalizers() == null ? null : new ArrayList<>(tm.getFinalizers()))
        .withOwnerReferences(OwnerRefs.controllerRef(rs, "apps/v1", "ReplicaSet"))
        .build();
    return new PodBuilder().withMetadata(meta).withSpec(new PodSpecBuilder(t.getSpec()).build()).build();
  }

  /**
   * The status for these owned active pods; {@code failure} is the error of this sync's creates
   * ("FailedCreate") or deletes ("FailedDelete"), or null.
   */
  static ReplicaSetStatus status(ReplicaSet rs, List<Pod> pods, Failure failure, Instant now) {
    Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null
        || rs.getSpec().getTemplate().getMetadata().getLabels() == null ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
    int fully = 0, ready = 0, available = 0;
    for (Pod p : pods) {
      Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
      if (labels.entrySet().containsAll(templateLabels.entrySet())) fully++;
      if (Readiness.podReady(p)) ready++;
      if (Readiness.podAvailable(p, minReadySeconds(rs), now)) available++;
    }
    ReplicaSetStatus old = rs.getStatus();
    List<ReplicaSetCondition> conds = new ArrayList<>(old == null || old.getConditions() == null ? List.of() : old.getConditions());
    boolean hasFailure = conds.stream().anyMatch(c -> "ReplicaFailure".equals(c.getType()));
    if (failure != null && !hasFailure) {
      conds.add(new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True").withReason(failure.reason())
          .withMessage(failure.message()).withLastTransitionTime(Times.format(now)).build());
    } else if (failure == null && hasFailure) {
      conds.removeIf(c -> "ReplicaFailure".equals(c.getType()));
    }
    return new ReplicaSetStatusBuilder()
        .withReplicas(pods.size()).withFullyLabeledReplicas(fully).withReadyReplicas(ready).withAvailableReplicas(available)
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .withConditions(conds.isEmpty() ? null : conds)
        .build();
  }

  record Failure(String reason, String message) {}

  /** When a ready pod will have been ready for minReadySeconds (so availability changes), or null. */
  static Duration nextAvailability(ReplicaSet rs, List<Pod> pods, Instant now) {
    int min = minReadySeconds(rs);
    if (min == 0) return null;
    Duration next = null;
    for (Pod p : pods) {
      Instant since = Readiness.podReadySince(p).orElse(null);
      if (since == null || Readiness.podAvailable(p, min, now)) continue;
      Duration d = Duration.between(now, since.plusSeconds(min)).plusSeconds(1);
      if (d.isNegative()) d = Duration.ofSeconds(1);
      if (next == null || d.compareTo(next) < 0) next = d;
    }
    return next;
  }

  /** Same counts, generation and conditions (ignoring condition timestamps' reformatting). */
  static boolean sameStatus(ReplicaSetStatus a, ReplicaSetStatus b) {
    if (a == null || b == null) return a == b;
    return eq(a.getReplicas(), b.getReplicas()) && eq(a.getFullyLabeledReplicas(), b.getFullyLabeledReplicas())
        && eq(a.getReadyReplicas(), b.getReadyReplicas()) && eq(a.getAvailableReplicas(), b.getAvailableReplicas())
        && java.util.Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
        && conditions(a).equals(conditions(b));
  }

  private static boolean eq(Integer a, Integer b) {
    return (a == null ? 0 : a) == (b == null ? 0 : b);
  }

  private static List<String> conditions(ReplicaSetStatus s) {
    if (s.getConditions() == null) return List.of();
    return s.getConditions().stream().map(c -> c.getType() + "/" + c.getStatus() + "/" + c.getReason() + "/" + c.getMessage()).toList();
  }
}
