package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

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
