package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeListingTest {
  static PodSandbox sb(String id, String uid, PodSandboxState s) {
    return PodSandbox.newBuilder().setId(id).putLabels(Labels.POD_UID, uid).setState(s).build();
  }

  static Container c(String id, String uid, ContainerState s) { return RelistTest.c(id, uid, s); }

  @Test
  void objectsAreGroupedByPodUidAndUnlabelledOnesLeftOut() {
    RuntimeListing l = RuntimeListing.of(0, List.of(sb("s1", "a", PodSandboxState.SANDBOX_READY), PodSandbox.newBuilder().setId("x").build()),
        List.of(c("c1", "a", ContainerState.CONTAINER_RUNNING), c("c2", "b", ContainerState.CONTAINER_EXITED)));
    assertThat(l.sandboxesOf("a")).extracting(PodSandbox::getId).containsExactly("s1");
    assertThat(l.containersOf("b")).extracting(Container::getId).containsExactly("c2");
    assertThat(l.sandboxesOf("b")).isEmpty();
    assertThat(l.podUids()).containsExactlyInAnyOrder("a", "b");
    assertThat(l.states("a")).isEqualTo(Map.of("s1", "SANDBOX_READY", "c1", "CONTAINER_RUNNING"));
  }

  @Test
  void aListingStandsInForAPodsOwnListingOnlyIfFreshAndStartedAfterTheWorkersLastChange() {
    RuntimeListing l = RuntimeListing.of(1_000, List.of(), List.of());
    assertThat(l.usableFor(null, 1_000 + RuntimeListing.MAX_AGE_NANOS)).isTrue();
    assertThat(l.usableFor(null, 1_001 + RuntimeListing.MAX_AGE_NANOS)).as("too old").isFalse();
    assertThat(l.usableFor(999L, 2_000)).as("started after the change").isTrue();
    assertThat(l.usableFor(1_000L, 2_000)).as("started when the change ended: may lack it").isFalse();
    assertThat(l.usableFor(1_500L, 2_000)).as("the change came after it started").isFalse();
    RuntimeListing wrapped = RuntimeListing.of(Long.MIN_VALUE + 5, List.of(), List.of());
    assertThat(wrapped.usableFor(Long.MAX_VALUE - 5, Long.MIN_VALUE + 10)).as("monotonic nanos compared by difference").isTrue();
  }

  @Test
  void aWorkersReadGivesTheSameViewAsTheListingForTheSameObjects() {
    var pod = TestPods.pod("Always", List.of(), "app");
    RuntimePod rt = TestPods.rt(List.of(TestPods.sandbox("s1", 0, true), TestPods.sandbox("s0", 0, false)),
        TestPods.running(pod, "app", "s1", 0, 5), TestPods.exited(pod, "app", "s1", 0, 1, 1));
    RuntimeListing l = RuntimeListing.of(0, List.of(sb("s1", TestPods.UID, PodSandboxState.SANDBOX_READY),
        sb("s0", TestPods.UID, PodSandboxState.SANDBOX_NOTREADY)), List.of(c("app-0-5", TestPods.UID, ContainerState.CONTAINER_RUNNING),
        c("app-0-1", TestPods.UID, ContainerState.CONTAINER_EXITED)));
    assertThat(RuntimeListing.states(rt)).isEqualTo(l.states(TestPods.UID));
  }
}
