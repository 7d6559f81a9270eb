package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.proxy.PacketLab;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.proxy.state.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rendered table on the real kernel, no Kubernetes, in a {@link PacketLab} on 10.88.151.0/24
 * (service IPs 10.96.151.0/24).
 */
@Tag("integration")
class NftablesPacketTest {
  static PacketLab lab;
  static NftablesConfig cfg;
  static NftablesProxier proxier;

  @BeforeAll static void lab() throws Exception {
    lab = PacketLab.start("j8snft", 151);
    cfg = NftablesConfig.of("node", List.of(lab.nodeIp), lab.clusterCidr);
    proxier = new NftablesProxier(new NftCommand(lab.inNode()), cfg);
    proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(), true);
  }

  @AfterAll static void teardown() {
    if (lab != null) lab.close();
  }

  @Test void clusterIPSpreadsOverThreeBackends() {
    Map<String, Integer> c = PacketLab.spread(lab.node, lab.serviceIp(10), 80, 60);
    assertThat(c).containsOnlyKeys("b1", "b2", "b3");
    assertThat(c.values()).allMatch(n -> n >= 5);
  }

  /**
   * b1 reaches itself through web's ClusterIP: only the {@code hairpin} set's masquerade makes the
   * answer come back through the node (without it b1 gets a SYN from its own address and the
   * connection times out; measured by hand). The bridge port needs hairpin mode, as the CNI bridge
   * sets it: with br_netfilter the DNAT happens at the bridge, which else never sends a frame back
   * out the port it came in on.
   */
  @Test void aBackendReachesItselfThroughTheServiceMasqueraded() {
    PacketLab.sh("ip", "-n", lab.node, "link", "set", "v0", "type", "bridge_slave", "hairpin", "on");
    try {
      Map<String, Integer> c = PacketLab.spread(lab.backends.get(0), lab.serviceIp(10), 80, 30);
      assertThat(c.keySet()).as("every connection answered, some by b1 itself").isSubsetOf("b1", "b2", "b3").contains("b1");
    } finally {
      PacketLab.sh("ip", "-n", lab.node, "link", "set", "v0", "type", "bridge_slave", "hairpin", "off");
    }
  }

  @Test void nodePortFromAnotherHostAndFromTheNode() {
    Map<String, Integer> other = PacketLab.spread(lab.client, lab.nodeIp, 30080, 30);
    assertThat(other.keySet()).as("from another host").isSubsetOf("b1", "b2", "b3").hasSizeGreaterThan(1);
    assertThat(PacketLab.spread(lab.node, lab.nodeIp, 30080, 10).keySet()).as("from the node").isSubsetOf("b1", "b2", "b3");
  }

  /** A UDP Service shares the slot maps with TCP ones (nft once refused the whole table over it). */
  @Test void udpClusterIPSpreadsOverTheBackends() {
    Map<String, Integer> c = PacketLab.udpSpread(lab.client, lab.serviceIp(13), 53, 30);
    assertThat(c.keySet()).isSubsetOf("b1", "b2", "b3").hasSizeGreaterThan(1);
  }

  @Test void clientIPAffinityPins() {
    Map<String, Integer> c = PacketLab.spread(lab.node, lab.serviceIp(11), 80, 20);
    assertThat(c).hasSize(1);
    assertThat(c.keySet()).isSubsetOf("b1", "b2", "b3");
  }

  @Test void serviceWithoutEndpointsIsRefusedAtOnce() {
    ProcessResult r = PacketLab.connect(lab.node, lab.serviceIp(12), 80);
    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).containsIgnoringCase("refused");
    ProcessResult np = PacketLab.connect(lab.client, lab.nodeIp, 30082);
    assertThat(np.ok()).isFalse();
    assertThat(np.stderr()).containsIgnoringCase("refused");
  }

  @Test void removingAnEndpointStopsNewConnectionsAfterAPartialSync() throws Exception {
    try {
      proxier.sync(lab.state(List.of(0, 2)), Set.of(new ServiceRef("ns", "web")), false);
      assertThat(proxier.lastScript()).doesNotContain("table");
      assertThat(PacketLab.spread(lab.node, lab.serviceIp(10), 80, 30)).containsOnlyKeys("b1", "b3");
    } finally {
      proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(new ServiceRef("ns", "web")), false);
    }
    assertThat(PacketLab.spread(lab.node, lab.serviceIp(10), 80, 60)).containsOnlyKeys("b1", "b2", "b3");
  }

  @Test void roundRobinSpreadsEvenly() throws Exception {
    NftablesProxier rr = new NftablesProxier(new NftCommand(lab.inNode()), cfg.withRoundRobin(true));
    try {
      rr.sync(lab.state(List.of(0, 1, 2)), Set.of(), true);
      assertThat(PacketLab.spread(lab.node, lab.serviceIp(10), 80, 30)).containsExactlyInAnyOrderEntriesOf(Map.of("b1", 10, "b2", 10, "b3", 10));
    } finally {
      proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(), true);
    }
  }

  @Test void cleanupDeletesTheTable() throws Exception {
    NftablesProxier other = new NftablesProxier(new NftCommand(lab.inNode()), cfg);
    try {
      other.cleanup();
      assertThat(new NftCommand(lab.inNode()).list(NftablesProxier.TABLE)).isEmpty();
      assertThat(PacketLab.connect(lab.node, lab.serviceIp(10), 80).ok()).isFalse();
    } finally {
      proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(), true);
    }
  }
}
