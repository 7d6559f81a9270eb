package io.j8s.kubelet.node;

import static io.j8s.kubelet.node.Fixtures.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AttachedVolumeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeStatusCalculatorTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  final NodeStatusCalculator calc = new NodeStatusCalculator(EvictionThresholds.DEFAULTS);

  static NodeCondition cond(NodeStatus s, String type) {
    return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void capacityAndAllocatableFollowUpstream() {
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), null, T0);
    assertThat(s.getCapacity()).containsEntry("cpu", new Quantity("4")).containsEntry("memory", new Quantity("16Gi"))
        .containsEntry("pods", new Quantity("110")).containsEntry("ephemeral-storage", new Quantity("100Gi"));
    assertThat(s.getAllocatable().get("memory").toString()).isEqualTo("16284Mi"); // 16 Gi less 100 Mi
    assertThat(s.getAllocatable().get("ephemeral-storage").toString()).isEqualTo("90Gi"); // 90% of 100 Gi
    assertThat(s.getAllocatable()).containsEntry("cpu", new Quantity("4")).containsEntry("pods", new Quantity("110"));
    assertThat(s.getCapacity().keySet()).containsExactly("cpu", "ephemeral-storage", "memory", "pods");
  }

  @Test
  void addressesNodeInfoDaemonEndpointsAndImages() {
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), null, T0);
    assertThat(s.getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress()).containsExactly("InternalIP=10.0.0.5", "Hostname=node-a");
    assertThat(s.getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(10250);
    var info = s.getNodeInfo();
    assertThat(info.getKubeletVersion()).isEqualTo("v1.32.0-j8s");
    assertThat(info.getContainerRuntimeVersion()).isEqualTo("containerd://1.6.20~ds1");
    assertThat(info.getOperatingSystem()).isEqualTo("linux");
    assertThat(info.getArchitecture()).isEqualTo("amd64");
    assertThat(info.getOsImage()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(info.getKernelVersion()).isEqualTo("6.1.0-18-amd64");
    assertThat(info.getMachineID() + info.getSystemUUID() + info.getBootID()).isEqualTo("m1u1b1");
    assertThat(s.getImages()).hasSize(1);
    assertThat(s.getImages().get(0).getNames()).containsExactly("j8s.local/busybox:1");
    assertThat(s.getImages().get(0).getSizeBytes()).isEqualTo(2_000_000L);
  }

  @Test
  void newConditionsInUpstreamOrderWithHeartbeatAndTransitionNow() {
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), null, T0);
    assertThat(s.getConditions()).extracting(NodeCondition::getType).containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready");
    for (NodeCondition c : s.getConditions()) {
      assertThat(c.getLastHeartbeatTime()).isEqualTo("2025-03-01T10:00:00Z");
      assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
    }
    assertThat(cond(s, "Ready").getStatus()).isEqualTo("True");
    assertThat(cond(s, "Ready").getReason()).isEqualTo("KubeletReady");
    assertThat(cond(s, "Ready").getMessage()).isEqualTo("kubelet is posting ready status");
    assertThat(cond(s, "MemoryPressure").getReason()).isEqualTo("KubeletHasSufficientMemory");
    assertThat(cond(s, "DiskPressure").getReason()).isEqualTo("KubeletHasNoDiskPressure");
    assertThat(cond(s, "PIDPressure").getReason()).isEqualTo("KubeletHasSufficientPID");
    assertThat(cond(s, "PIDPressure").getStatus()).isEqualTo("False");
  }

  @Test
  void sameStatusMovesHeartbeatOnlyAndAFlipMovesTransition() {
    NodeStatus first = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.networkNotReady()), null, T0);
    NodeStatus second = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.networkNotReady()), first, T0.plusSeconds(10));
    assertThat(cond(second, "Ready").getLastHeartbeatTime()).isEqualTo("2025-03-01T10:00:10Z");
    assertThat(cond(second, "Ready").getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
    NodeStatus third = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), second, T0.plusSeconds(20));
    assertThat(cond(third, "Ready").getStatus()).isEqualTo("True");
    assertThat(cond(third, "Ready").getLastTransitionTime()).isEqualTo("2025-03-01T10:00:20Z");
    assertThat(cond(third, "MemoryPressure").getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z");
    // the input is not modified
    assertThat(cond(second, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void networkNotReadyInUpstreamWords() {
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.networkNotReady()), null, T0);
    NodeCondition r = cond(s, "Ready");
    assertThat(r.getStatus()).isEqualTo("False");
    assertThat(r.getReason()).isEqualTo("KubeletNotReady");
    assertThat(r.getMessage()).isEqualTo("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady "
        + "message:Network plugin returns error: cni plugin not initialized");
  }

  @Test
  void runtimeDownAndBothNotReady() {
    NodeStatus down = calc.compute(Fixtures.facts(), Fixtures.sample(new RuntimeReport.Unreachable("UNAVAILABLE")), null, T0);
    assertThat(cond(down, "Ready").getMessage()).isEqualTo("container runtime is down");
    RuntimeReport both = new RuntimeReport.Conditions(List.of(Fixtures.cond("RuntimeReady", false, "R", "m1"),
        Fixtures.cond("NetworkReady", false, "N", "m2")));
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(both), null, T0);
    assertThat(cond(s, "Ready").getMessage()).isEqualTo("[container runtime not ready: RuntimeReady=false reason:R message:m1, "
        + "container runtime network not ready: NetworkReady=false reason:N message:m2]");
    NodeStatus missing = calc.compute(Fixtures.facts(), Fixtures.sample(new RuntimeReport.Conditions(List.of())), null, T0);
    assertThat(cond(missing, "Ready").getMessage()).contains("container runtime not ready: <nil>");
  }

  @Test
  void pressureConditionsFromHardEvictionThresholds() {
    EvictionSignals low = new EvictionSignals(99 * 1024 * 1024, 9 * GI, 100 * GI, 5, 100, 50 * GI, 100 * GI, 10, 100);
    NodeStatus s = calc.compute(Fixtures.facts(), new NodeSample(Fixtures.ready(), low, List.of()), null, T0);
    assertThat(cond(s, "MemoryPressure").getStatus()).isEqualTo("True");
    assertThat(cond(s, "MemoryPressure").getReason()).isEqualTo("KubeletHasInsufficientMemory");
    assertThat(cond(s, "DiskPressure").getStatus()).isEqualTo("True");
    assertThat(cond(s, "DiskPressure").getReason()).isEqualTo("KubeletHasDiskPressure");
    assertThat(cond(s, "PIDPressure").getStatus()).as("no pid threshold by default").isEqualTo("False");
    NodeStatus withPid = new NodeStatusCalculator(new EvictionThresholds(100 << 20, 10, 15, 5, 20))
        .compute(Fixtures.facts(), new NodeSample(Fixtures.ready(), low, List.of()), null, T0);
    assertThat(cond(withPid, "PIDPressure").getStatus()).isEqualTo("True");
    assertThat(cond(withPid, "PIDPressure").getReason()).isEqualTo("KubeletHasInsufficientPID");
    assertThat(cond(s, "Ready").getStatus()).as("pressure does not make the node NotReady").isEqualTo("True");
  }

  @Test
  void keepsWhatOthersOwnAndConditionsItDoesNotCompute() {
    NodeStatus current = new NodeStatusBuilder()
        .withConditions(new NodeConditionBuilder().withType("NetworkUnavailable").withStatus("False").withReason("RouteCreated")
                .withLastHeartbeatTime("2025-01-01T00:00:00Z").withLastTransitionTime("2025-01-01T00:00:00Z").build(),
            new NodeConditionBuilder().withType("Ready").withStatus("Unknown").withReason("NodeStatusUnknown")
                .withMessage("Kubelet stopped posting node status.").withLastHeartbeatTime("2025-01-01T00:00:00Z")
                .withLastTransitionTime("2025-01-01T00:01:00Z").build())
        .withVolumesAttached(new AttachedVolumeBuilder().withName("v").withDevicePath("/dev/x").build())
        .build();
    NodeStatus s = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), current, T0);
    assertThat(s.getVolumesAttached()).hasSize(1);
    assertThat(s.getConditions()).extracting(NodeCondition::getType)
        .containsExactly("NetworkUnavailable", "Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    assertThat(s.getConditions().get(0).getLastHeartbeatTime()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(cond(s, "Ready").getLastTransitionTime()).as("Unknown -> True is a transition").isEqualTo("2025-03-01T10:00:00Z");
    assertThat(current.getConditions().get(1).getStatus()).isEqualTo("Unknown");
  }

  @Test
  void imagesLargestFirstAtMostFiftyAndFiveNamesEach() {
    List<NodeSample.NodeImage> images = new ArrayList<>();
    for (int i = 0; i < 60; i++) images.add(new NodeSample.NodeImage(List.of("img" + i + "@sha256:x", "img" + i + ":1"), i * 1000L));
    images.add(new NodeSample.NodeImage(List.of(), 10_000_000L));
    images.add(new NodeSample.NodeImage(List.of("a", "b", "c", "d", "e", "f", "g"), 5_000_000L));
    NodeStatus s = calc.compute(Fixtures.facts(), new NodeSample(Fixtures.ready(), Fixtures.healthy(), images), null, T0);
    assertThat(s.getImages()).hasSize(50);
    assertThat(s.getImages().get(0).getNames()).containsExactly("a", "b", "c", "d", "e");
    assertThat(s.getImages().get(1).getNames()).containsExactly("img59@sha256:x", "img59:1");
    assertThat(s.getImages()).allMatch(i -> !i.getNames().isEmpty());
    for (int i = 1; i < 50; i++) assertThat(s.getImages().get(i - 1).getSizeBytes()).isGreaterThanOrEqualTo(s.getImages().get(i).getSizeBytes());
  }

  @Test
  void timestampsAreWholeSecondsUtc() {
    assertThat(NodeStatusCalculator.timestamp(Instant.parse("2025-03-01T10:00:59.999Z"))).isEqualTo("2025-03-01T10:00:59Z");
    assertThat(NodeStatusCalculator.timestamp(Instant.parse("2025-03-01T10:00:00Z"))).isEqualTo("2025-03-01T10:00:00Z");
  }
}
