package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.j8s.kubelet.pod.ContainerStatuses.StartFailure;
import io.j8s.kubelet.pod.RuntimePod.Sandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod's API status from its runtime state, as upstream's generateAPIPodStatus and status manager compute it; pure. */
public final class StatusBuilder {
  static final Set<String> KUBELET_CONDITIONS = Set.of("PodScheduled", "PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready");
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  public static final String DEADLINE_MESSAGE = "Pod was active on the node longer than the specified deadline";

  /**
   * @param terminal         the pod will run nothing again (deleting and stopped): stopped containers make it Succeeded or Failed
   * @param deadlineExceeded activeDeadlineSeconds has passed: Failed with reason DeadlineExceeded
   */
  public record Input(Pod pod, RuntimePod runtime, Map<String, StartFailure> failures, ProbeResults readiness,
      String nodeIp, Instant now, boolean terminal, boolean deadlineExceeded) {}

  private StatusBuilder() {}

  public static PodStatus build(Input in) {
    Pod pod = in.pod();
    PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    List<ContainerStatus> init = ContainerStatuses.of(pod, in.runtime(), true, in.failures(), in.readiness());
    List<ContainerStatus> app = ContainerStatuses.of(pod, in.runtime(), false, in.failures(), in.readiness());
    String phase = Phase.of(pod, init, app, in.terminal());
    String reason = null, message = null;
    if (in.deadlineExceeded()) {
      phase = Phase.FAILED;
      reason = DEADLINE_EXCEEDED;
      message = DEADLINE_MESSAGE;
    } else if (Phase.terminal(old.getPhase())) {
      phase = old.getPhase(); // never out of a terminal phase
    }
    if (phase.equals(old.getPhase()) && reason == null) {
      reason = old.getReason();
      message = old.getMessage();
    }

    List<PodCondition> conditions = new ArrayList<>();
    if (old.getConditions() != null) {
      for (PodCondition c : old.getConditions()) if (!KUBELET_CONDITIONS.contains(c.getType())) conditions.add(c);
    }
    Instant now = in.now();
    boolean sandboxReady = in.runtime().latestSandbox().map(Sandbox::ready).orElse(false);
    conditions.add(condition(old, "PodReadyToStartContainers", sandboxReady, null, null, now));
    List<String> incomplete = init.stream().filter(s -> s.getState().getTerminated() == null
        || s.getState().getTerminated().getExitCode() != 0).map(ContainerStatus::getName).toList();
    boolean appStarted = app.stream().anyMatch(s -> s.getState().getRunning() != null || s.getState().getTerminated() != null);
    boolean initialized = incomplete.isEmpty() || appStarted;
    conditions.add(condition(old, "Initialized", initialized, initialized ? null : "ContainersNotInitialized",
        initialized ? null : "containers with incomplete status: " + goList(incomplete), now));
    List<String> unready = app.stream().filter(s -> !Boolean.TRUE.equals(s.getReady())).map(ContainerStatus::getName).toList();
    boolean containersReady = unready.isEmpty();
    String crReason = containersReady ? null : Phase.SUCCEEDED.equals(phase) ? "PodCompleted" : "ContainersNotReady";
    String crMessage = containersReady || Phase.SUCCEEDED.equals(phase) ? null : "containers with unready status: " + goList(unready);
    String gate = containersReady ? unmetGate(pod, old) : null;
    boolean ready = containersReady && gate == null;
    conditions.add(condition(old, "Ready", ready, ready ? null : gate != null ? "ReadinessGatesNotReady" : crReason,
        ready ? null : gate != null ? gate : crMessage, now));
    conditions.add(condition(old, "ContainersReady", containersReady, crReason, crMessage, now));
    PodCondition scheduled = find(old, "PodScheduled");
    conditions.add(scheduled != null ? scheduled : condition(old, "PodScheduled", true, null, null, now));

    List<String> ips = podIps(in);
    if (ips.isEmpty() && old.getPodIPs() != null) ips = old.getPodIPs().stream().map(PodIP::getIp).toList();
    return new PodStatusBuilder(old)
        .withPhase(phase).withReason(reason).withMessage(message)
        .withConditions(conditions)
        .withHostIP(in.nodeIp()).withHostIPs(new HostIP(in.nodeIp()))
        .withPodIP(ips.isEmpty() ? null : ips.get(0)).withPodIPs(ips.stream().map(PodIP::new).toList())
        .withStartTime(old.getStartTime() != null ? old.getStartTime() : ContainerStatuses.time(now))
        .withQosClass(Qos.podClass(pod))
        .withInitContainerStatuses(init).withContainerStatuses(app)
        .build();
  }

  /** The deadline: startTime + activeDeadlineSeconds, if both are set. */
  public static boolean deadlineExceeded(Pod pod, Instant now) {
    Long d = pod.getSpec().getActiveDeadlineSeconds();
    if (d == null || pod.getStatus() == null || pod.getStatus().getStartTime() == null) return false;
    try {
      return !now.isBefore(Instant.parse(pod.getStatus().getStartTime()).plusSeconds(d));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  static List<String> podIps(Input in) {
    if (Boolean.TRUE.equals(in.pod().getSpec().getHostNetwork())) return List.of(in.nodeIp());
    List<String> out = new ArrayList<>();
    in.runtime().latestSandbox().filter(s -> !s.ip().isEmpty()).ifPresent(s -> {
      out.add(s.ip());
      out.addAll(s.additionalIps());
    });
    return out;
  }

  /** The message for the first readiness gate whose condition is missing or not True, else null. */
  static String unmetGate(Pod pod, PodStatus old) {
    if (pod.getSpec().getReadinessGates() == null) return null;
    for (PodReadinessGate g : pod.getSpec().getReadinessGates()) {
      PodCondition c = find(old, g.getConditionType());
      if (c == null) return "corresponding condition of pod readiness gate \"" + g.getConditionType() + "\" does not exist.";
      if (!"True".equals(c.getStatus())) return "the status of pod readiness gate \"" + g.getConditionType() + "\" is not \"True\", but " + c.getStatus();
    }
    return null;
  }

  /** A condition keeping the old lastTransitionTime when its status did not change. */
  static PodCondition condition(PodStatus old, String type, boolean status, String reason, String message, Instant now) {
    String s = status ? "True" : "False";
    PodCondition prev = find(old, type);
    String since = prev != null && s.equals(prev.getStatus()) && prev.getLastTransitionTime() != null
        ? prev.getLastTransitionTime() : ContainerStatuses.time(now);
    PodCondition c = new PodCondition();
    c.setType(type);
    c.setStatus(s);
    c.setReason(reason);
    c.setMessage(message);
    c.setLastTransitionTime(since);
    return c;
  }

  static PodCondition find(PodStatus s, String type) {
    if (s.getConditions() == null) return null;
    for (PodCondition c : s.getConditions()) if (type.equals(c.getType())) return c;
    return null;
  }

  /** Go's %s of a string slice: [a b]. */
  static String goList(List<String> l) { return "[" + String.join(" ", l) + "]"; }
}
