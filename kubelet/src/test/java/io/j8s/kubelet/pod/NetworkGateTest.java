package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.cri.v1.RuntimeCondition;
import io.j8s.kubelet.cri.v1.RuntimeStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pods that need the pod network wait for the runtime's NetworkReady; host-network pods do not. */
class NetworkGateTest {
  static final String NOT_READY = "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady "
      + "message:Network plugin returns error: cni plugin not initialized";
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeRuntime rt = new FakeRuntime(clock);
  final List<String> events = new CopyOnWriteArrayList<>();

  PodSync sync(Path dir) {
    rt.images.add("j8s.local/busybox:1");
    PodManagerConfig cfg = PodManagerConfig.defaults("n1", "192.168.1.5", dir, CgroupDriver.CGROUPFS)
        .withResync(java.time.Duration.ofSeconds(10), clock)
        .withEvents((pod, field, type, reason, message) -> events.add(type + " " + reason + " " + field + ": " + message));
    return new PodSync(rt, cfg, Dns.HostResolv.EMPTY, null);
  }

  @Test
  void aPodWaitsWithoutCallingRunPodSandboxUntilTheNetworkIsReady(@TempDir Path dir) {
    PodSync s = sync(dir);
    Pod pod = TestPods.pod("Always", List.of(), "app");
    rt.networkNotReady = NOT_READY;
    for (int i = 0; i < 3; i++) {
      PodSync.Result r = s.sync(TestPods.UID, pod);
      assertThat(rt.sandboxes).as("no sandbox while the network is not ready").isEmpty();
      assertThat(r.requeueAfter()).isEqualTo(PodApplier.NETWORK_RETRY);
      assertThat(r.status().getPhase()).isEqualTo("Pending");
      assertThat(r.status().getContainerStatuses().getFirst().getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
    }
    assertThat(events).allMatch(e -> e.equals("Warning NetworkNotReady null: network is not ready: " + NOT_READY));

    rt.networkNotReady = null;
    PodSync.Result r = s.sync(TestPods.UID, pod);
    assertThat(rt.sandboxes).hasSize(1);
    assertThat(r.status().getContainerStatuses().getFirst().getState().getRunning()).isNotNull();
  }

  @Test
  void aHostNetworkPodStartsWhileTheNetworkIsNotReady(@TempDir Path dir) {
    PodSync s = sync(dir);
    Pod pod = new PodBuilder(TestPods.pod("Always", List.of(), "app")).editSpec().withHostNetwork(true).endSpec().build();
    rt.networkNotReady = "NetworkReady=false reason:NetworkPluginNotReady message:cni plugin not initialized";
    PodSync.Result r = s.sync(TestPods.UID, pod);
    assertThat(rt.sandboxes).hasSize(1);
    assertThat(r.status().getContainerStatuses().getFirst().getState().getRunning()).isNotNull();
    assertThat(events).noneMatch(e -> e.contains("NetworkNotReady"));
  }

  @Test
  void readinessIsAskedAtMostOncePerSecondAndWordedAsUpstream() {
    AtomicInteger calls = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    RuntimeStatus notReady = RuntimeStatus.newBuilder()
        .addConditions(RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(true))
        .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(false).setReason("NetworkPluginNotReady")
            .setMessage("Network plugin returns error: cni plugin not initialized")).build();
    RuntimeStatus ready = RuntimeStatus.newBuilder()
        .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(true)).build();
    RuntimeStatus[] current = {notReady};
    NetworkReadiness n = new NetworkReadiness(() -> {
      calls.incrementAndGet();
      return current[0];
    }, now::get);
    assertThat(n.notReady()).contains(NOT_READY);
    current[0] = ready;
    now.addAndGet(NetworkReadiness.TTL_NANOS - 1);
    assertThat(n.notReady()).as("cached within a second").contains(NOT_READY);
    assertThat(calls.get()).isEqualTo(1);
    now.addAndGet(1);
    assertThat(n.notReady()).isEmpty();
    assertThat(calls.get()).isEqualTo(2);
    assertThat(NetworkReadiness.notReady(RuntimeStatus.getDefaultInstance()))
        .isEqualTo(Optional.of("container runtime network not ready: <nil>"));
  }
}
