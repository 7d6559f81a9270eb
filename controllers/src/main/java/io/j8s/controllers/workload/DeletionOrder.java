package io.j8s.controllers.workload;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: which pods a ReplicaSet removes first when it has too many, upstream's order: unassigned
 * before assigned; Pending before Unknown before Running; not ready before ready; lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing a node with more related
 * pods first; ready for less time first and created more recently first (both compared in
 * powers-of-two buckets of age, as LogarithmicScaleDown does); more container restarts first.
 */
final class DeletionOrder {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private static final int SAME_BUCKET = 2;

  private DeletionOrder() {}

  /** The {@code count} pods of {@code pods} to delete; {@code related} are all pods of sibling ReplicaSets (same owner). */
  static List<Pod> pick(List<Pod> pods, List<Pod> related, int count, Instant now) {
    if (count >= pods.size()) return List.copyOf(pods);
    Map<String, Integer> onNode = new HashMap<>();
    for (Pod p : related) if (PodStates.assigned(p) && PodStates.active(p)) onNode.merge(PodStates.node(p), 1, Integer::sum);
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(comparator(p -> PodStates.assigned(p) ? onNode.getOrDefault(PodStates.node(p), 0) : 0, now));
    return List.copyOf(sorted.subList(0, count));
  }

  static Comparator<Pod> comparator(java.util.function.ToIntFunction<Pod> rank, Instant now) {
    return (a, b) -> {
      boolean aa = PodStates.assigned(a);
      boolean ba = PodStates.assigned(b);
      if (aa != ba) return aa ? 1 : -1;
      int pa = phaseOrdinal(a);
      int pb = phaseOrdinal(b);
      if (pa != pb) return Integer.compare(pa, pb);
      boolean ra = Readiness.podReady(a);
      boolean rb = Readiness.podReady(b);
      if (ra != rb) return ra ? 1 : -1;
      int ca = deletionCost(a);
      int cb = deletionCost(b);
      if (ca != cb) return Integer.compare(ca, cb);
      int ka = rank.applyAsInt(a);
      int kb = rank.applyAsInt(b);
      if (ka != kb) return Integer.compare(kb, ka);
      if (ra) {
        int c = newerFirst(Readiness.podReadySince(a).orElse(null), Readiness.podReadySince(b).orElse(null), now);
        if (c == SAME_BUCKET) return tiebreak(a, b);
        if (c != 0) return c;
      }
      int restarts = Integer.compare(PodStates.maxRestarts(b), PodStates.maxRestarts(a));
      if (restarts != 0) return restarts;
      int c = newerFirst(Times.parse(a.getMetadata().getCreationTimestamp()), Times.parse(b.getMetadata().getCreationTimestamp()), now);
      if (c != 0 && c != SAME_BUCKET) return c;
      return tiebreak(a, b);
    };
  }

  /** Unknown times first, then the more recent, compared by log2 of age; equal buckets fall to the uid. */
  private static int newerFirst(Instant a, Instant b, Instant now) {
    if (a == null && b == null) return 0;
    if (a == null || b == null) return a == null ? -1 : 1;
    if (a.equals(b)) return 0;
    int diff = bucket(a, now) - bucket(b, now);
    if (diff == 0) return SAME_BUCKET;
    return diff < 0 ? -1 : 1;
  }

  private static int bucket(Instant t, Instant now) {
    long nanos = Duration.between(t, now).toNanos();
    return nanos > 0 ? (int) Math.floor(Math.log(nanos) / Math.log(2)) : -1;
  }

  private static int tiebreak(Pod a, Pod b) {
    String ua = String.valueOf(a.getMetadata().getUid());
    String ub = String.valueOf(b.getMetadata().getUid());
    int c = ua.compareTo(ub);
    return c != 0 ? c : String.valueOf(a.getMetadata().getName()).compareTo(String.valueOf(b.getMetadata().getName()));
  }

  private static int phaseOrdinal(Pod p) {
    return switch (PodStates.phase(p)) {
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0;
    };
  }

  static int deletionCost(Pod p) {
    var ann = p.getMetadata().getAnnotations();
    if (ann == null || !ann.containsKey(DELETION_COST)) return 0;
    try {
      return Integer.parseInt(ann.get(DELETION_COST).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
