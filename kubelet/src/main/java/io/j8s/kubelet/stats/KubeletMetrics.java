package io.j8s.kubelet.stats;

import io.j8s.kubelet.cri.CriOperations;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The kubelet's own {@code /metrics} in upstream's names; pure. */
public final class KubeletMetrics {
  private KubeletMetrics() {}

  public static String render(List<PodSandbox> sandboxes, List<Container> containers, PodWorkerMetrics pods,
      Map<String, CriOperations.Totals> operations) {
    return render(sandboxes, containers, pods, operations, Map.of());
  }

  /** As above, with upstream's kubelet_runtime_operations_duration_seconds histogram per operation type. */
  public static String render(List<PodSandbox> sandboxes, List<Container> containers, PodWorkerMetrics pods,
      Map<String, CriOperations.Totals> operations, Map<String, CriOperations.Latency> latencies) {
    PromText p = new PromText();
    p.family("kubelet_running_pods", "gauge", "[ALPHA] Number of pods that have a running pod sandbox");
    p.sample("kubelet_running_pods", Map.of(), sandboxes.stream().filter(s -> s.getState() == PodSandboxState.SANDBOX_READY).count());
    p.family("kubelet_running_containers", "gauge", "[ALPHA] Number of containers currently running");
    Map<String, Long> byState = new TreeMap<>();
    for (String s : List.of("created", "exited", "running", "unknown")) byState.put(s, 0L);
    for (Container c : containers) byState.merge(state(c.getState()), 1L, Long::sum);
    byState.forEach((s, n) -> p.sample("kubelet_running_containers", Map.of("container_state", s), n));
    p.family("kubelet_pod_start_duration_seconds", "histogram",
        "[ALPHA] Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run");
    p.histogram("kubelet_pod_start_duration_seconds", Map.of(), pods.podStart());
    p.family("kubelet_pod_worker_duration_seconds", "histogram",
        "[ALPHA] Duration in seconds to sync a single pod. Broken down by operation type: create, update, or sync");
    pods.worker().forEach((op, v) -> p.histogram("kubelet_pod_worker_duration_seconds", Map.of("operation_type", op), v));
    p.family("kubelet_runtime_operations_total", "counter", "[ALPHA] Cumulative number of runtime operations by operation type.");
    operations.forEach((op, t) -> p.sample("kubelet_runtime_operations_total", Map.of("operation_type", op), t.calls()));
    p.family("kubelet_runtime_operations_errors_total", "counter",
        "[ALPHA] Cumulative number of runtime operation errors by operation type.");
    operations.forEach((op, t) -> p.sample("kubelet_runtime_operations_errors_total", Map.of("operation_type", op), t.errors()));
    p.family("kubelet_runtime_operations_duration_seconds_total", "counter",
        "Total time spent in runtime operations by operation type (j8s: a sum, where upstream keeps a histogram).");
    operations.forEach((op, t) -> p.sample("kubelet_runtime_operations_duration_seconds_total", Map.of("operation_type", op), t.seconds()));
    if (!latencies.isEmpty()) {
      p.family("kubelet_runtime_operations_duration_seconds", "histogram", "[ALPHA] Duration in seconds of runtime operations. "
          + "Broken down by operation type.");
      latencies.forEach((op, l) -> p.histogram("kubelet_runtime_operations_duration_seconds", Map.of("operation_type", op),
          new Histogram.View(l.bounds(), l.cumulative(), l.seconds(), l.count())));
    }
    return p.toString();
  }

  static String state(ContainerState s) {
    return switch (s) {
      case CONTAINER_CREATED -> "created";
      case CONTAINER_RUNNING -> "running";
      case CONTAINER_EXITED -> "exited";
      default -> "unknown";
    };
  }
}
