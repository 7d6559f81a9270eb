package io.j8s.kubelet.pod;

import static io.j8s.kubelet.pod.TestPods.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.j8s.kubelet.pod.ContainerStatuses.StartFailure;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {
  static final Instant NOW = T0.plusSeconds(100);

  static PodStatus status(Pod p, RuntimePod rt) { return status(p, rt, Map.of(), false); }

  static PodStatus status(Pod p, RuntimePod rt, Map<String, StartFailure> f, boolean terminal) {
    return StatusBuilder.build(new StatusBuilder.Input(p, rt, f, ProbeResults.NO_PROBES, "192.168.1.5", NOW, terminal, false));
  }

  static String cond(PodStatus s, String type) {
    return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().map(PodCondition::getStatus).orElse(null);
  }

  static ContainerStatus cs(PodStatus s, String name) {
    return java.util.stream.Stream.concat(s.getContainerStatuses().stream(), s.getInitContainerStatuses().stream())
        .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aPodWithoutRuntimeObjectsIsPendingWithContainerCreating() {
    PodStatus s = status(pod("Always", List.of(), "b", "a"), RuntimePod.empty(UID));
    assertThat(s.getPhase()).isEqualTo("Pending");
    assertThat(s.getContainerStatuses()).extracting(ContainerStatus::getName).containsExactly("a", "b");
    assertThat(cs(s, "a").getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
    assertThat(s.getHostIP()).isEqualTo("192.168.1.5");
    assertThat(s.getStartTime()).isEqualTo("2026-01-01T00:01:40Z");
    assertThat(s.getQosClass()).isEqualTo("BestEffort");
    assertThat(cond(s, "PodReadyToStartContainers")).isEqualTo("False");
    assertThat(cond(s, "Ready")).isEqualTo("False");
    assertThat(cond(s, "PodScheduled")).isEqualTo("True");
    assertThat(s.getConditions()).extracting(PodCondition::getType)
        .containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
  }

  @Test
  void runningContainersMakeARunningReadyPodWithItsIp() {
    Pod p = pod("Always", List.of(), "a");
    PodStatus s = status(p, rt(List.of(sandbox("s0", 0, true)), running(p, "a", "s0", 0, 1)));
    assertThat(s.getPhase()).isEqualTo("Running");
    assertThat(s.getPodIP()).isEqualTo("10.88.0.2");
    assertThat(s.getPodIPs()).hasSize(1);
    ContainerStatus a = cs(s, "a");
    assertThat(a.getReady()).isTrue();
    assertThat(a.getStarted()).isTrue();
    assertThat(a.getContainerID()).isEqualTo("containerd://a-0-1");
    assertThat(a.getState().getRunning().getStartedAt()).isEqualTo("2026-01-01T00:00:01Z");
    assertThat(cond(s, "Ready")).isEqualTo("True");
    assertThat(cond(s, "ContainersReady")).isEqualTo("True");
    assertThat(cond(s, "Initialized")).isEqualTo("True");
    assertThat(cond(s, "PodReadyToStartContainers")).isEqualTo("True");
  }

  @Test
  void readinessComesFromTheProbeResults() {
    Pod p = pod("Always", List.of(), "a");
    PodStatus s = StatusBuilder.build(new StatusBuilder.Input(p, rt(List.of(sandbox("s0", 0, true)), running(p, "a", "s0", 0, 1)),
        Map.of(), (uid, name, id) -> false, "192.168.1.5", NOW, false, false));
    assertThat(cs(s, "a").getReady()).isFalse();
    assertThat(s.getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("ContainersNotReady");
      assertThat(c.getMessage()).isEqualTo("containers with unready status: [a]");
    });
  }

  @Test
  void crashLoopShowsWaitingWithTheLastTermination() {
    Pod p = pod("Always", List.of(), "a");
    var f = Map.of("a", new StartFailure("CrashLoopBackOff", "back-off 10s restarting failed container=a pod=web_ns(" + UID + ")"));
    PodStatus s = status(p, rt(List.of(sandbox("s0", 0, true)), exited(p, "a", "s0", 1, 2, 1), exited(p, "a", "s0", 0, 1, 1)), f, false);
    ContainerStatus a = cs(s, "a");
    assertThat(a.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(a.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(a.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(a.getLastState().getTerminated().getContainerID()).isEqualTo("containerd://a-1-2");
    assertThat(a.getRestartCount()).isEqualTo(1);
    assertThat(s.getPhase()).isEqualTo("Running");
  }

  @Test
  void aRestartedContainerShowsThePreviousExitAsLastState() {
    Pod p = pod("Always", List.of(), "a");
    ContainerInfo oom = new ContainerInfo("old", "s0", "a", false, 0, State.EXITED, 1, T0, T0.plusSeconds(2), 137, "OOMKilled", "",
        "", "", "", 30);
    PodStatus s = status(p, rt(List.of(sandbox("s0", 0, true)), running(p, "a", "s0", 1, 5), oom));
    assertThat(cs(s, "a").getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
    assertThat(cs(s, "a").getState().getRunning()).isNotNull();
  }

  @Test
  void phasesFollowRestartPolicy() {
    var s0 = List.of(sandbox("s0", 0, false));
    Pod never = pod("Never", List.of(), "a");
    PodStatus failed = status(never, rt(s0, exited(never, "a", "s0", 0, 1, 3)));
    assertThat(failed.getPhase()).isEqualTo("Failed");
    assertThat(cs(failed, "a").getState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(cs(failed, "a").getState().getTerminated().getExitCode()).isEqualTo(3);
    Pod onFailure = pod("OnFailure", List.of(), "a");
    PodStatus ok = status(onFailure, rt(s0, exited(onFailure, "a", "s0", 0, 1, 0)));
    assertThat(ok.getPhase()).isEqualTo("Succeeded");
    assertThat(cs(ok, "a").getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(ok.getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("PodCompleted"));
    assertThat(status(onFailure, rt(s0, exited(onFailure, "a", "s0", 0, 1, 1))).getPhase()).isEqualTo("Running");
    Pod always = pod("Always", List.of(), "a");
    assertThat(status(always, rt(s0, exited(always, "a", "s0", 0, 1, 0))).getPhase()).isEqualTo("Running");
    // terminal (deleted and stopped): Always too ends
    assertThat(status(always, rt(s0, exited(always, "a", "s0", 0, 1, 0)), Map.of(), true).getPhase()).isEqualTo("Succeeded");
    assertThat(status(always, rt(s0, exited(always, "a", "s0", 0, 1, 137)), Map.of(), true).getPhase()).isEqualTo("Failed");
  }

  @Test
  void initContainersGatePhaseAndConditions() {
    Pod p = pod("Always", List.of("i1", "i2"), "a");
    var s = List.of(sandbox("s0", 0, true));
    PodStatus st = status(p, rt(s, exited(p, "i1", "s0", 0, 1, 0), running(p, "i2", "s0", 0, 2)));
    assertThat(st.getPhase()).isEqualTo("Pending");
    assertThat(cs(st, "a").getState().getWaiting().getReason()).isEqualTo("PodInitializing");
    assertThat(st.getInitContainerStatuses()).extracting(ContainerStatus::getName).containsExactly("i1", "i2");
    assertThat(st.getConditions()).filteredOn(c -> c.getType().equals("Initialized")).singleElement().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("ContainersNotInitialized");
      assertThat(c.getMessage()).isEqualTo("containers with incomplete status: [i2]");
    });
    Pod never = pod("Never", List.of("i1"), "a");
    assertThat(status(never, rt(s, exited(never, "i1", "s0", 0, 1, 1))).getPhase()).isEqualTo("Failed");
  }

  @Test
  void startFailuresAreWaitingReasons() {
    Pod p = pod("Always", List.of(), "a");
    PodStatus s = status(p, RuntimePod.empty(UID), Map.of("a", new StartFailure("ErrImagePull", "no such host")), false);
    assertThat(cs(s, "a").getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
    assertThat(cs(s, "a").getState().getWaiting().getMessage()).isEqualTo("no such host");
    assertThat(s.getPhase()).isEqualTo("Pending");
  }

  @Test
  void unchangedConditionsKeepTheirTransitionTimeSoAnUnchangedStatusIsEqual() {
    Pod p = pod("Always", List.of(), "a");
    RuntimePod rt = rt(List.of(sandbox("s0", 0, true)), running(p, "a", "s0", 0, 1));
    PodStatus first = status(p, rt);
    Pod written = new PodBuilder(p).withStatus(first).build();
    PodStatus again = StatusBuilder.build(new StatusBuilder.Input(written, rt, Map.of(), ProbeResults.NO_PROBES,
        "192.168.1.5", NOW.plusSeconds(60), false, false));
    assertThat(again).isEqualTo(first);
  }

  @Test
  void deadlineExceededFailsThePodAndTerminalPhasesStick() {
    Pod p = new PodBuilder(pod("Always", List.of(), "a")).editSpec().withActiveDeadlineSeconds(5L).endSpec()
        .withNewStatus().withStartTime("2026-01-01T00:00:00Z").withPhase("Running").endStatus().build();
    assertThat(StatusBuilder.deadlineExceeded(p, T0.plusSeconds(4))).isFalse();
    assertThat(StatusBuilder.deadlineExceeded(p, T0.plusSeconds(5))).isTrue();
    PodStatus s = StatusBuilder.build(new StatusBuilder.Input(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "a", "s0", 0, 1, 137)),
        Map.of(), ProbeResults.NO_PROBES, "192.168.1.5", NOW, false, true));
    assertThat(s.getPhase()).isEqualTo("Failed");
    assertThat(s.getReason()).isEqualTo("DeadlineExceeded");
    Pod failed = new PodBuilder(p).withStatus(s).build();
    PodStatus later = StatusBuilder.build(new StatusBuilder.Input(failed, RuntimePod.empty(UID), Map.of(),
        ProbeResults.NO_PROBES, "192.168.1.5", NOW, false, false));
    assertThat(later.getPhase()).isEqualTo("Failed");
    assertThat(later.getReason()).isEqualTo("DeadlineExceeded");
    assertThat(later.getPodIP()).isEqualTo(s.getPodIP());
  }

  @Test
  void hostNetworkPodsUseTheNodeIp() {
    Pod p = new PodBuilder(pod("Always", List.of(), "a")).editSpec().withHostNetwork(true).endSpec().build();
    PodStatus s = status(p, rt(List.of(new RuntimePod.Sandbox("s0", 0, true, 1, "", List.of())), running(p, "a", "s0", 0, 1)));
    assertThat(s.getPodIP()).isEqualTo("192.168.1.5");
  }
}
