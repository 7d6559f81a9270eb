package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API container statuses from the runtime state and the last start failures (upstream's convertToAPIContainerStatuses), pure. */
public final class ContainerStatuses {
  /** Why a container could not be started at the last attempt: CrashLoopBackOff, ErrImagePull, CreateContainerConfigError... */
  public record StartFailure(String reason, String message) {}

  public static final String CONTAINER_ID_PREFIX = "containerd://";

  private ContainerStatuses() {}

  /** Init containers in spec order ({@code init}), app containers sorted by name (as upstream). */
  public static List<ContainerStatus> of(Pod pod, RuntimePod rt, boolean init, Map<String, StartFailure> failures,
      ProbeResults readiness) {
    List<Container> specs = init ? ActionPlanner.inits(pod) : pod.getSpec().getContainers();
    String defaultReason = !init && !ActionPlanner.inits(pod).isEmpty() ? "PodInitializing" : "ContainerCreating";
    List<ContainerStatus> out = new ArrayList<>();
    for (Container c : specs) {
      Optional<ContainerInfo> latest = rt.latest(c.getName());
      ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
          .withRestartCount(0).withReady(false).withStarted(false);
      ContainerState state = waiting(defaultReason, null);
      ContainerState last = new ContainerState();
      if (latest.isPresent()) {
        ContainerInfo l = latest.get();
        b.withContainerID(CONTAINER_ID_PREFIX + l.id()).withRestartCount(l.restartCount()).withImageID(l.imageRef());
        if (!l.image().isEmpty()) b.withImage(l.image());
        state = state(l, defaultReason);
        if (l.running()) {
          b.withStarted(true).withReady(readiness.ready(pod.getMetadata().getUid(), c.getName(), l.id()));
        }
        last = rt.previous(c.getName()).map(ContainerStatuses::state).orElse(last);
      }
      StartFailure f = failures.get(c.getName());
      boolean initSucceeded = init && latest.map(l -> l.exited() && l.exitCode() == 0).orElse(false);
      if (f != null && !initSucceeded && ActionPlanner.shouldRestart(c, pod, rt)) {
        if (state.getTerminated() != null) last = state;
        state = waiting(f.reason(), f.message());
      }
      out.add(b.withState(state).withLastState(last).build());
    }
    if (!init) out.sort(Comparator.comparing(ContainerStatus::getName));
    return out;
  }

  static ContainerState state(ContainerInfo c) { return state(c, "ContainerCreating"); }

  static ContainerState state(ContainerInfo c, String waitingReason) {
    if (c.state() == State.RUNNING) {
      return new ContainerStateBuilder().withNewRunning().withStartedAt(time(c.startedAt())).endRunning().build();
    }
    if (c.state() == State.EXITED) {
      String reason = c.reason() == null || c.reason().isEmpty() ? (c.exitCode() == 0 ? "Completed" : "Error") : c.reason();
      return new ContainerStateBuilder().withNewTerminated().withExitCode(c.exitCode()).withReason(reason)
          .withMessage(c.message() == null || c.message().isEmpty() ? null : c.message())
          .withStartedAt(time(c.startedAt())).withFinishedAt(time(c.finishedAt()))
          .withContainerID(CONTAINER_ID_PREFIX + c.id()).endTerminated().build();
    }
    return waiting(waitingReason, null);
  }

  static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
  }

  /** metav1.Time: RFC 3339, whole seconds; null for null. */
  public static String time(Instant t) { return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString(); }
}
