package io.j8s.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.j8s.kubelet.prober.ProbeSchedule.ContainerView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The app containers of a pod as the probes see them, read from the status the pod worker just computed. */
final class ProbeViews {
  private ProbeViews() {}

  static Map<String, ContainerView> of(PodStatus status) {
    Map<String, ContainerView> out = new HashMap<>();
    for (ContainerStatus cs : Objects.requireNonNullElse(status.getContainerStatuses(), List.<ContainerStatus>of())) {
      String id = cs.getContainerID() == null ? "" : cs.getContainerID().replaceFirst("^[a-z]+://", "");
      var state = cs.getState();
      boolean running = state != null && state.getRunning() != null;
      Instant startedAt = running && state.getRunning().getStartedAt() != null ? Instant.parse(state.getRunning().getStartedAt()) : null;
      boolean terminated = state != null && state.getTerminated() != null;
      out.put(cs.getName(), new ContainerView(id, running, startedAt, terminated));
    }
    return out;
  }
}
