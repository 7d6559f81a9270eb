package io.j8s.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The node package's small pure parts: parsers, thresholds, quantities, the manifest and the Lease. */
class SmallPartsTest {
  @Test
  void meminfoCpusOsReleaseArch() {
    String meminfo = "MemTotal:       24563812 kB\nMemFree:         1000 kB\nMemAvailable:   20000000 kB\n";
    assertThat(HostFacts.memInfo(meminfo, "MemTotal").getAsLong()).isEqualTo(24563812L * 1024);
    assertThat(HostFacts.memInfo(meminfo, "MemAvailable").getAsLong()).isEqualTo(20000000L * 1024);
    assertThat(HostFacts.memInfo(meminfo, "Mem")).isEmpty();
    assertThat(HostFacts.memInfo("", "MemTotal")).isEmpty();
    assertThat(HostFacts.onlineCpus("0-1\n")).isEqualTo(OptionalInt.of(2));
    assertThat(HostFacts.onlineCpus("0-3,6,8-9")).isEqualTo(OptionalInt.of(7));
    assertThat(HostFacts.onlineCpus("0")).isEqualTo(OptionalInt.of(1));
    assertThat(HostFacts.onlineCpus("")).isEmpty();
    assertThat(HostFacts.onlineCpus("x-y")).isEmpty();
    assertThat(HostFacts.osImage("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"))
        .isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(HostFacts.osImage("PRETTY_NAME=Alpine\n")).isEqualTo("Alpine");
    assertThat(HostFacts.osImage("")).isEqualTo("Linux");
    assertThat(HostFacts.goArch("amd64")).isEqualTo("amd64");
    assertThat(HostFacts.goArch("aarch64")).isEqualTo("arm64");
  }

  @Test
  void samplerParsers() {
    assertThat(HostSampler.statInodes("1000 2000\n")).containsExactly(1000, 2000);
    assertThat(HostSampler.statInodes("0 0")).containsExactly(-1, -1);
    assertThat(HostSampler.statInodes("garbage")).containsExactly(-1, -1);
    assertThat(HostSampler.threadsFromLoadavg("0.00 0.01 0.05 1/123 4567\n")).isEqualTo(123);
    assertThat(HostSampler.threadsFromLoadavg("")).isEqualTo(-1);
  }

  @Test
  void defaultRouteInterfaceAndNodeIpChoice() {
    String route = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth1\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
        eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
        """;
    assertThat(NodeAddresses.defaultRouteInterface(route)).contains("eth0");
    assertThat(NodeAddresses.defaultRouteInterface("Iface\tDestination\n*\t00000000\t00000000\t0201\t0\t0\t0\t00000000\t0\t0\t0\n"))
        .isEmpty();
    assertThat(NodeAddresses.defaultRouteInterface("")).isEmpty();
    var ifs = List.of(new NodeAddresses.Interface("cni0", List.of("10.42.0.1")), new NodeAddresses.Interface("eth1", List.of("192.168.0.2")),
        new NodeAddresses.Interface("eth0", List.of("10.0.0.5", "10.0.0.6")), new NodeAddresses.Interface("nowhere", List.of()));
    assertThat(NodeAddresses.choose(Optional.of("eth0"), ifs)).contains("10.0.0.5");
    assertThat(NodeAddresses.choose(Optional.of("nowhere"), ifs)).as("route interface without an address").contains("192.168.0.2");
    assertThat(NodeAddresses.choose(Optional.empty(), ifs)).contains("192.168.0.2");
    assertThat(NodeAddresses.choose(Optional.empty(), List.of(new NodeAddresses.Interface("cni0", List.of("10.42.0.1"))))).isEmpty();
    assertThat(NodeAddresses.global("10.0.0.1")).isTrue();
    assertThat(NodeAddresses.global("127.0.0.1")).isFalse();
    assertThat(NodeAddresses.global("169.254.3.4")).isFalse();
    assertThat(NodeAddresses.global("0.0.0.0")).isFalse();
  }

  @Test
  void thresholdsAtTheirBoundaries() {
    EvictionThresholds t = EvictionThresholds.DEFAULTS;
    long mi = EvictionThresholds.MI;
    EvictionSignals ok = Fixtures.healthy();
    assertThat(t.memoryPressure(new EvictionSignals(100 * mi, -1, -1, -1, -1, -1, -1, -1, -1))).isFalse();
    assertThat(t.memoryPressure(new EvictionSignals(100 * mi - 1, -1, -1, -1, -1, -1, -1, -1, -1))).isTrue();
    assertThat(t.memoryPressure(EvictionSignals.UNKNOWN)).isFalse();
    assertThat(t.diskPressure(EvictionSignals.UNKNOWN)).isFalse();
    assertThat(t.diskPressure(ok)).isFalse();
    assertThat(t.diskPressure(new EvictionSignals(-1, 10, 100, -1, -1, -1, -1, -1, -1))).isFalse();
    assertThat(t.diskPressure(new EvictionSignals(-1, 9, 100, -1, -1, -1, -1, -1, -1))).isTrue();
    assertThat(t.diskPressure(new EvictionSignals(-1, -1, -1, -1, -1, 14, 100, -1, -1))).as("imagefs 15%").isTrue();
    assertThat(t.diskPressure(new EvictionSignals(-1, -1, -1, -1, -1, 15, 100, -1, -1))).isFalse();
    assertThat(t.diskPressure(new EvictionSignals(-1, -1, -1, 4, 100, -1, -1, -1, -1))).as("inodes 5%").isTrue();
    assertThat(t.pidPressure(new EvictionSignals(-1, -1, -1, -1, -1, -1, -1, 0, 100))).as("no pid threshold").isFalse();
    assertThat(t.allocatableMemory(50 * mi)).isZero();
  }

  @Test
  void quantities() {
    assertThat(Quantities.bytesText(24563812L * 1024)).isEqualTo("24563812Ki");
    assertThat(Quantities.bytesText(1L << 30)).isEqualTo("1Gi");
    assertThat(Quantities.bytesText(1000)).isEqualTo("1000");
    assertThat(Quantities.bytesText(0)).isEqualTo("0");
  }

  @Test
  void runtimeConditionPrintsAsUpstream() {
    assertThat(Fixtures.cond("NetworkReady", false, "NetworkPluginNotReady", "cni plugin not initialized").toString())
        .isEqualTo("NetworkReady=false reason:NetworkPluginNotReady message:cni plugin not initialized");
    assertThat(Fixtures.ready().errors()).isEmpty();
  }

  @Test
  void manifestAndLabelReconciliation() {
    Node n = NodeManifest.initial(Fixtures.facts());
    assertThat(n.getMetadata().getName()).isEqualTo("node-a");
    assertThat(n.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("kubernetes.io/hostname", "node-a",
        "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64", "beta.kubernetes.io/os", "linux", "beta.kubernetes.io/arch", "amd64"));
    assertThat(n.getMetadata().getAnnotations()).containsEntry("volumes.kubernetes.io/controller-managed-attach-detach", "true");
    assertThat(NodeManifest.reconcile(n, Fixtures.facts())).isNull();
    Node edited = new NodeBuilder(n).editMetadata().addToLabels("kubernetes.io/arch", "arm64").addToLabels("team", "a").endMetadata().build();
    Node fixed = NodeManifest.reconcile(edited, Fixtures.facts());
    assertThat(fixed.getMetadata().getLabels()).containsEntry("kubernetes.io/arch", "amd64").containsEntry("team", "a");
    assertThat(edited.getMetadata().getLabels()).containsEntry("kubernetes.io/arch", "arm64");
  }

  @Test
  void leaseCreatedRenewedAndOwnedByTheNode() {
    Instant t = Instant.parse("2025-03-01T10:00:00.123456789Z");
    Lease fresh = LeaseSpecs.renewed(null, "node-a", null, t);
    assertThat(fresh.getMetadata().getName()).isEqualTo("node-a");
    assertThat(fresh.getMetadata().getNamespace()).isEqualTo("kube-node-lease");
    assertThat(fresh.getSpec().getHolderIdentity()).isEqualTo("node-a");
    assertThat(fresh.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
    assertThat(fresh.getSpec().getRenewTime().toInstant()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
    assertThat(fresh.getMetadata().getOwnerReferences()).isNullOrEmpty();
    fresh.getMetadata().setResourceVersion("7");
    Lease owned = LeaseSpecs.renewed(fresh, "node-a", "uid-1", t.plusSeconds(10));
    assertThat(owned.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
      assertThat(r.getApiVersion()).isEqualTo("v1");
      assertThat(r.getKind()).isEqualTo("Node");
      assertThat(r.getName()).isEqualTo("node-a");
      assertThat(r.getUid()).isEqualTo("uid-1");
    });
    Lease recreatedNode = LeaseSpecs.renewed(owned, "node-a", "uid-2", t.plusSeconds(20));
    assertThat(recreatedNode.getMetadata().getOwnerReferences()).singleElement().extracting(r -> r.getUid()).isEqualTo("uid-2");
    assertThat(fresh.getSpec().getRenewTime().toInstant()).as("input untouched").isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
  }
}
