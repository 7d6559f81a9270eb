package io.j8s.kubelet.pod;

import static io.j8s.kubelet.pod.TestPods.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.kubelet.pod.ActionPlanner.Intent;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionPlannerTest {
  static PodActions plan(Pod pod, RuntimePod rt) { return ActionPlanner.plan(pod, rt, Intent.RUN, 30); }

  @Test
  void aNewPodGetsASandboxAndAllContainers() {
    PodActions a = plan(pod("Always", List.of(), "a", "b"), RuntimePod.empty(UID));
    assertThat(a.createSandbox()).isTrue();
    assertThat(a.attempt()).isZero();
    assertThat(a.containersToStart()).containsExactly("a", "b");
    assertThat(a.nextInit()).isNull();
  }

  @Test
  void aNewPodWithInitContainersStartsOnlyTheFirstInit() {
    PodActions a = plan(pod("Always", List.of("i1", "i2"), "a"), RuntimePod.empty(UID));
    assertThat(a.createSandbox()).isTrue();
    assertThat(a.nextInit()).isEqualTo("i1");
    assertThat(a.containersToStart()).isEmpty();
  }

  @Test
  void initContainersRunStrictlyInOrder() {
    Pod p = pod("Always", List.of("i1", "i2"), "a");
    var s = List.of(sandbox("s0", 0, true));
    assertThat(plan(p, rt(s, running(p, "i1", "s0", 0, 1))).nextInit()).isNull();
    assertThat(plan(p, rt(s, running(p, "i1", "s0", 0, 1))).containersToStart()).isEmpty();
    assertThat(plan(p, rt(s, exited(p, "i1", "s0", 0, 1, 0))).nextInit()).isEqualTo("i2");
    PodActions done = plan(p, rt(s, exited(p, "i1", "s0", 0, 1, 0), exited(p, "i2", "s0", 0, 2, 0)));
    assertThat(done.nextInit()).isNull();
    assertThat(done.containersToStart()).containsExactly("a");
  }

  @Test
  void aFailedInitContainerIsRetriedUnlessRestartPolicyIsNever() {
    Pod p = pod("OnFailure", List.of("i1", "i2"), "a");
    var s = List.of(sandbox("s0", 0, true));
    PodActions retry = plan(p, rt(s, exited(p, "i1", "s0", 0, 1, 3)));
    assertThat(retry.nextInit()).isEqualTo("i1");
    assertThat(retry.killPod()).isFalse();
    Pod never = pod("Never", List.of("i1"), "a");
    PodActions fail = plan(never, rt(s, exited(never, "i1", "s0", 0, 1, 3)));
    assertThat(fail.killPod()).isTrue();
    assertThat(fail.nextInit()).isNull();
    assertThat(fail.containersToStart()).isEmpty();
  }

  @Test
  void runningAppContainersAreKeptAndExitedOnesFollowRestartPolicy() {
    var s = List.of(sandbox("s0", 0, true));
    Pod always = pod("Always", List.of(), "a", "b");
    PodActions a = plan(always, rt(s, running(always, "a", "s0", 0, 1), exited(always, "b", "s0", 0, 1, 0)));
    assertThat(a.containersToStart()).containsExactly("b");
    assertThat(a.killPod()).isFalse();
    Pod onFailure = pod("OnFailure", List.of(), "a", "b");
    assertThat(plan(onFailure, rt(s, running(onFailure, "a", "s0", 0, 1), exited(onFailure, "b", "s0", 0, 1, 0))).containersToStart())
        .isEmpty();
    assertThat(plan(onFailure, rt(s, running(onFailure, "a", "s0", 0, 1), exited(onFailure, "b", "s0", 0, 1, 1))).containersToStart())
        .containsExactly("b");
    Pod never = pod("Never", List.of(), "a", "b");
    assertThat(plan(never, rt(s, running(never, "a", "s0", 0, 1), exited(never, "b", "s0", 0, 1, 1))).containersToStart()).isEmpty();
  }

  @Test
  void whenNothingRunsAndNothingWillTheSandboxIsStopped() {
    var s = List.of(sandbox("s0", 0, true));
    Pod never = pod("Never", List.of(), "a");
    PodActions a = plan(never, rt(s, exited(never, "a", "s0", 0, 1, 0)));
    assertThat(a.killPod()).isTrue();
    assertThat(a.createSandbox()).isFalse();
    // and once it is stopped, no new sandbox is made for a finished Never pod
    PodActions b = plan(never, rt(List.of(sandbox("s0", 0, false)), exited(never, "a", "s0", 0, 1, 0)));
    assertThat(b.createSandbox()).isFalse();
    assertThat(b.containersToStart()).isEmpty();
  }

  @Test
  void aDeadSandboxIsReplacedWithTheNextAttemptAndInitContainersRunAgain() {
    Pod p = pod("Always", List.of("i1"), "a");
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "i1", "s0", 0, 1, 0), running(p, "a", "s0", 0, 2)));
    assertThat(a.createSandbox()).isTrue();
    assertThat(a.killPod()).isTrue();
    assertThat(a.attempt()).isEqualTo(1);
    assertThat(a.nextInit()).isEqualTo("i1");
    assertThat(a.containersToRemove()).contains("i1-0-1");
  }

  @Test
  void aFinishedNeverPodWhoseSandboxDiedKeepsItsInitContainers() {
    // found by the simulation: purging init containers without making a new sandbox left the pod Pending for ever
    Pod p = pod("Never", List.of("i1"), "a");
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "i1", "s0", 0, 1, 0), exited(p, "a", "s0", 0, 2, 137)));
    assertThat(a.createSandbox()).isFalse();
    assertThat(a.containersToRemove()).isEmpty();
  }

  @Test
  void aReadySandboxWithoutAnIpIsReplacedUnlessHostNetwork() {
    Pod p = pod("Always", List.of(), "a");
    var noIp = List.of(new RuntimePod.Sandbox("s0", 0, true, 1, "", List.of()));
    assertThat(plan(p, rt(noIp)).createSandbox()).isTrue();
    Pod host = new PodBuilder(p).editSpec().withHostNetwork(true).endSpec().build();
    assertThat(plan(host, rt(noIp)).createSandbox()).isFalse();
    assertThat(plan(host, rt(noIp)).containersToStart()).containsExactly("a");
  }

  @Test
  void twoReadySandboxesMeanStartingOver() {
    Pod p = pod("Always", List.of(), "a");
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, true), sandbox("s1", 1, true))));
    assertThat(a.createSandbox()).isTrue();
    assertThat(a.attempt()).isEqualTo(2);
  }

  @Test
  void aChangedSpecRestartsTheContainer() {
    Pod p = pod("Always", List.of(), "a");
    var old = running(p, "a", "s0", 0, 1);
    var changed = new RuntimePod.ContainerInfo(old.id(), "s0", "a", false, 0, State.RUNNING, 1, T0, null, 0, "", "", "", "", "other", 30);
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, true)), changed));
    assertThat(a.containersToKill()).extracting(PodActions.Kill::containerId).containsExactly(old.id());
    assertThat(a.containersToStart()).containsExactly("a");
  }

  @Test
  void strayRunningContainersAreKilled() {
    Pod p = pod("Always", List.of(), "a");
    var s = List.of(sandbox("s1", 1, true), sandbox("s0", 0, false));
    PodActions a = plan(p, rt(s, running(p, "a", "s1", 1, 5), running(p, "a", "s1", 0, 4), running(p, "zombie", "s1", 0, 3),
        running(p, "a", "s0", 0, 2)));
    assertThat(a.containersToKill()).extracting(PodActions.Kill::containerId)
        .containsExactlyInAnyOrder("a-0-4", "zombie-0-3", "a-0-2");
    assertThat(a.containersToStart()).isEmpty();
  }

  @Test
  void deadContainersBeyondTheNewestPerNameAreRemoved() {
    Pod p = pod("Always", List.of(), "a");
    var s = List.of(sandbox("s0", 0, true));
    PodActions a = plan(p, rt(s, running(p, "a", "s0", 3, 4), exited(p, "a", "s0", 2, 3, 1), exited(p, "a", "s0", 1, 2, 1),
        exited(p, "a", "s0", 0, 1, 1)));
    assertThat(a.containersToRemove()).containsExactlyInAnyOrder("a-1-2", "a-0-1");
  }

  @Test
  void oldStoppedSandboxesGoOnceNoKeptContainerUsesThem() {
    Pod p = pod("Always", List.of(), "a");
    var s = List.of(sandbox("s2", 2, true), sandbox("s1", 1, false), sandbox("s0", 0, false));
    PodActions a = plan(p, rt(s, running(p, "a", "s2", 2, 5), exited(p, "a", "s1", 1, 4, 1), exited(p, "a", "s0", 0, 3, 1)));
    assertThat(a.containersToRemove()).containsExactly("a-0-3");
    assertThat(a.sandboxesToRemove()).containsExactly("s0");
  }

  @Test
  void stopKeepsDeadContainersAndStopsWhatRuns() {
    Pod p = pod("Always", List.of(), "a");
    var s = List.of(sandbox("s0", 0, true));
    PodActions a = ActionPlanner.plan(p, rt(s, running(p, "a", "s0", 0, 1)), Intent.STOP, 30);
    assertThat(a.killPod()).isTrue();
    assertThat(a.removeAll()).isFalse();
    PodActions b = ActionPlanner.plan(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "a", "s0", 0, 1, 137)), Intent.STOP, 30);
    assertThat(b.isEmpty()).isTrue();
  }

  @Test
  void removeStopsWithTheGracePeriodThenRemovesEverything() {
    Pod p = pod("Always", List.of(), "a");
    PodActions kill = ActionPlanner.plan(p, rt(List.of(sandbox("s0", 0, true)), running(p, "a", "s0", 0, 1)), Intent.REMOVE, 7);
    assertThat(kill.killPod()).isTrue();
    assertThat(kill.graceSeconds()).isEqualTo(7);
    assertThat(kill.removeAll()).isFalse();
    PodActions remove = ActionPlanner.plan(null, rt(List.of(sandbox("s0", 0, false)), exited(p, "a", "s0", 0, 1, 0)), Intent.REMOVE, 7);
    assertThat(remove.killPod()).isFalse();
    assertThat(remove.removeAll()).isTrue();
    assertThat(ActionPlanner.plan(null, RuntimePod.empty(UID), Intent.REMOVE, 0).isEmpty()).isTrue();
  }

  @Test
  void createdOrUnknownContainersAreKilledAndStartedAgain() {
    Pod p = pod("Never", List.of(), "a");
    var c = info(p, "a", "s0", 0, 1, State.CREATED, 0);
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, true)), c));
    assertThat(a.containersToKill()).extracting(PodActions.Kill::containerId).containsExactly(c.id());
    assertThat(a.containersToStart()).containsExactly("a");
  }

  @Test
  void onFailurePodWhoseContainersSucceededGetsNoNewSandbox() {
    Pod p = pod("OnFailure", List.of(), "a");
    PodActions a = plan(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "a", "s0", 0, 1, 0)));
    assertThat(a.createSandbox()).isFalse();
    PodActions b = plan(p, rt(List.of(sandbox("s0", 0, false)), exited(p, "a", "s0", 0, 1, 2)));
    assertThat(b.createSandbox()).isTrue();
    assertThat(b.containersToStart()).containsExactly("a");
  }

  @Test
  void onlyCreatesWhenNothingIsStoppedOrRemoved() {
    Pod pod = TestPods.pod("Always", List.of(), "app");
    RuntimePod none = RuntimePod.empty(TestPods.UID);
    PodActions fresh = ActionPlanner.plan(pod, none, ActionPlanner.Intent.RUN, 30);
    assertThat(fresh.createSandbox()).isTrue();
    assertThat(fresh.onlyCreates(none)).as("a new pod's kill of nothing stops nothing").isTrue();
    RuntimePod died = TestPods.rt(List.of(TestPods.sandbox("s0", 0, false)), TestPods.running(pod, "app", "s0", 0, 1));
    assertThat(ActionPlanner.plan(pod, died, ActionPlanner.Intent.RUN, 30).onlyCreates(died)).as("a new sandbox while a container runs").isFalse();
    RuntimePod exited = TestPods.rt(List.of(TestPods.sandbox("s1", 0, true)), TestPods.exited(pod, "app", "s1", 0, 1, 1),
        TestPods.exited(pod, "app", "s1", 1, 2, 1));
    PodActions restart = ActionPlanner.plan(pod, exited, ActionPlanner.Intent.RUN, 30);
    assertThat(restart.containersToStart()).containsExactly("app");
    assertThat(restart.onlyCreates(exited)).as("the older dead instance is removed").isFalse();
    RuntimePod once = TestPods.rt(List.of(TestPods.sandbox("s1", 0, true)), TestPods.exited(pod, "app", "s1", 0, 1, 1));
    assertThat(ActionPlanner.plan(pod, once, ActionPlanner.Intent.RUN, 30).onlyCreates(once)).isTrue();
  }
}
