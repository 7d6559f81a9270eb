package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.proxy.PacketLab;
import io.j8s.hostnet.conntrack.ConntrackCommand;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
import io.j8s.proxy.state.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rendered rules on the real kernel, no Kubernetes, in a {@link PacketLab} on 10.88.137.0/24
 * (service IPs 10.96.137.0/24).
 */
@Tag("integration")
class IptablesPacketTest {
  static PacketLab lab;
  static IptablesProxier proxier;

  @BeforeAll static void lab() throws Exception {
    lab = PacketLab.start("j8sp", 137);
    PacketLab.sh("ip", "netns", "exec", lab.node, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1");
    proxier = new IptablesProxier(new IptablesCommand(lab.inNode()), IptablesConfig.of("node", List.of(lab.nodeIp), lab.clusterCidr),
        new UdpConntrackCleaner(new ConntrackCommand(lab.inNode())));
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

  @Test void nodePortFromAnotherHostAndFromTheNode() {
    Map<String, Integer> other = PacketLab.spread(lab.client, lab.nodeIp, 30080, 30);
    assertThat(other.keySet()).as("from another host").isSubsetOf("b1", "b2", "b3").hasSizeGreaterThan(1);
    assertThat(PacketLab.spread(lab.node, lab.nodeIp, 30080, 10).keySet()).as("from the node").isSubsetOf("b1", "b2", "b3");
    assertThat(PacketLab.spread(lab.node, "127.0.0.1", 30080, 10).keySet()).as("on localhost").isSubsetOf("b1", "b2", "b3");
  }

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
      Map<String, Integer> c = PacketLab.spread(lab.node, lab.serviceIp(10), 80, 30);
      assertThat(c).containsOnlyKeys("b1", "b3");
    } finally {
      proxier.sync(lab.state(List.of(0, 1, 2)), Set.of(new ServiceRef("ns", "web")), false);
    }
    assertThat(PacketLab.spread(lab.node, lab.serviceIp(10), 80, 60)).containsOnlyKeys("b1", "b2", "b3");
  }
}
