package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;

/** Readings of a pod's status as the workload controllers use them (upstream podutil). */
final class PodStates {
  private PodStates() {}

  static String phase(Pod p) {
    return p.getStatus() == null || p.getStatus().getPhase() == null ? "" : p.getStatus().getPhase();
  }

  /** Neither finished nor being deleted: counts towards a ReplicaSet's replicas. */
  static boolean active(Pod p) {
    String ph = phase(p);
    return !ph.equals("Succeeded") && !ph.equals("Failed") && !OwnerRefs.deleting(p);
  }

  static PodCondition readyCondition(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) return null;
    for (PodCondition c : p.getStatus().getConditions()) if ("Ready".equals(c.getType())) return c;
    return null;
  }

  static boolean ready(Pod p) {
    PodCondition c = readyCondition(p);
    return c != null && "True".equals(c.getStatus());
  }

  /** When the pod last became ready, or null if it is not ready or the time is unknown. */
  static Instant readySince(Pod p) {
    PodCondition c = readyCondition(p);
    if (c == null || !"True".equals(c.getStatus())) return null;
    return Times.parse(c.getLastTransitionTime());
  }

  /** Ready for at least minReadySeconds (strictly longer, as upstream). */
  static boolean available(Pod p, int minReadySeconds, Instant now) {
    if (!ready(p)) return false;
    if (minReadySeconds == 0) return true;
    Instant since = readySince(p);
    return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
  }

  static boolean assigned(Pod p) {
    return p.getSpec() != null && p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
  }

  static String node(Pod p) {
    return assigned(p) ? p.getSpec().getNodeName() : "";
  }

  static int maxRestarts(Pod p) {
    int max = 0;
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
        if (s.getRestartCount() != null) max = Math.max(max, s.getRestartCount());
      }
    }
    return max;
  }
}
