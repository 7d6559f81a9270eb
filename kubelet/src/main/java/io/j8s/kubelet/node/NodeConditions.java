package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's condition setters: every computation stamps lastHeartbeatTime with now; a condition
 * that is new or whose status changed gets lastTransitionTime now, otherwise it keeps the old one.
 * Conditions keep their order; new ones are appended.
 */
final class NodeConditions {
  static final String READY = "Ready";
  static final String MEMORY_PRESSURE = "MemoryPressure";
  static final String DISK_PRESSURE = "DiskPressure";
  static final String PID_PRESSURE = "PIDPressure";

  private NodeConditions() {}

  /** A condition as this computation wants it (status, reason, message). */
  record Want(String type, boolean status, String reason, String message) {
    String statusText() { return status ? "True" : "False"; }
  }

  static List<NodeCondition> apply(List<NodeCondition> previous, List<Want> wants, String now) {
    List<NodeCondition> out = new ArrayList<>();
    for (NodeCondition p : previous == null ? List.<NodeCondition>of() : previous) {
      Want w = wants.stream().filter(x -> x.type().equals(p.getType())).findFirst().orElse(null);
      out.add(w == null ? new NodeConditionBuilder(p).build() : next(p, w, now));
    }
    for (Want w : wants) {
      if (out.stream().noneMatch(c -> w.type().equals(c.getType()))) out.add(next(null, w, now));
    }
    return out;
  }

  private static NodeCondition next(NodeCondition prev, Want w, String now) {
    boolean transition = prev == null || !w.statusText().equals(prev.getStatus()) || prev.getLastTransitionTime() == null;
    return new NodeConditionBuilder().withType(w.type()).withStatus(w.statusText()).withReason(w.reason()).withMessage(w.message())
        .withLastHeartbeatTime(now).withLastTransitionTime(transition ? now : prev.getLastTransitionTime()).build();
  }

  static Want ready(List<String> errors) {
    if (errors.isEmpty()) return new Want(READY, true, "KubeletReady", "kubelet is posting ready status");
    String message = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    return new Want(READY, false, "KubeletNotReady", message);
  }

  static Want memory(boolean pressure) {
    return pressure ? new Want(MEMORY_PRESSURE, true, "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
        : new Want(MEMORY_PRESSURE, false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available");
  }

  static Want disk(boolean pressure) {
    return pressure ? new Want(DISK_PRESSURE, true, "KubeletHasDiskPressure", "kubelet has disk pressure")
        : new Want(DISK_PRESSURE, false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
  }

  static Want pid(boolean pressure) {
    return pressure ? new Want(PID_PRESSURE, true, "KubeletHasInsufficientPID", "kubelet has insufficient PID available")
        : new Want(PID_PRESSURE, false, "KubeletHasSufficientPID", "kubelet has sufficient PID available");
  }
}
