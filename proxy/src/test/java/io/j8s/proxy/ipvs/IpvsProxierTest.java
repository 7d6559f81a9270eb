package io.j8s.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.time.ManualClock;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.RecordingIptables;
import io.j8s.hostnet.ipset.RecordingIpset;
import io.j8s.hostnet.ipvs.IpvsOp;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.ipvs.RecordingIpvs;
import io.j8s.hostnet.link.RecordingLinks;
import io.j8s.hostnet.sysctl.RecordingSysctl;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The applier on the recording fakes: what reaches each tool, in which order, and what a failure leaves. */
class IpvsProxierTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final Endpoint A = Endpoint.ready("10.88.217.1", 8080, "node-b");
  static final Endpoint B = Endpoint.ready("10.88.217.2", 8080, "node-b");
  static final ServicePort P = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080);

  final RecordingIpvs ipvs = new RecordingIpvs();
  final RecordingIpset ipset = new RecordingIpset();
  final RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "10.88.210.2/24");
  final RecordingIptables ipt = new RecordingIptables();
  final RecordingSysctl sysctl = new RecordingSysctl().with("net.ipv4.vs.conntrack", "0").with("net.ipv4.ip_forward", "1");
  final ManualClock clock = new ManualClock();
  final IpvsConfig cfg = new IpvsConfig("node-a", List.of("10.88.210.2"), "10.88.216.0/22", "rr", 14, false, Duration.ofMinutes(1));
  final IpvsProxier proxier = new IpvsProxier(ipvs, ipset, links, ipt, sysctl, cfg, clock);

  static ProxyState state(Endpoint... eps) {
    return ProxyState.of(Map.of(WEB, P), Map.of(WEB, List.of(eps)));
  }

  @Test void aFullSyncBuildsEverything() throws Exception {
    Map<String, Long> counts = proxier.sync(state(A, B), Set.of(), true);
    assertThat(counts).containsEntry("virtual-servers", 2L).containsEntry("real-servers", 4L).containsEntry("addresses", 1L);
    assertThat(links.link("kube-ipvs0")).hasValueSatisfying(l -> assertThat(l.up()).isFalse());
    assertThat(links.addresses("kube-ipvs0")).containsExactly("10.88.214.10/32");
    assertThat(ipvs.read()).isEqualTo(proxier.last().ipvs());
    assertThat(ipset.list().keySet()).containsAll(KubeIpsets.names());
    assertThat(ipset.list().get("KUBE-CLUSTER-IP").entries()).containsExactly("10.88.214.10,tcp:80");
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).containsExactly("-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
    assertThat(ipt.rules(Table.FILTER, "INPUT")).containsExactly(
        "-m comment --comment \"kubernetes ipvs access filter\" -j KUBE-IPVS-FILTER",
        "-m comment --comment \"kube-proxy firewall rules\" -j KUBE-PROXY-FIREWALL",
        "-m comment --comment \"kubernetes health check rules\" -j KUBE-NODE-PORT");
    assertThat(ipt.rules(Table.NAT, "KUBE-SERVICES")).contains("-m addrtype --dst-type LOCAL -j KUBE-NODE-PORT");
    assertThat(sysctl.writes()).containsExactly("net.ipv4.vs.conntrack=1");
  }

  @Test void anEndpointChangeIsIncrementalAndKeepsTheOthers() throws Exception {
    proxier.sync(state(A, B), Set.of(), true);
    ipvs.clearApplied();
    Endpoint c = Endpoint.ready("10.88.217.3", 8080, "node-b");
    proxier.sync(state(A, c), Set.of(WEB.service()), false);
    assertThat(ipvs.applied()).extracting(IpvsOp::line).containsExactlyInAnyOrder(
        "-a -t 10.88.214.10:80 -r 10.88.217.3:8080 -m -w 1", "-e -t 10.88.214.10:80 -r 10.88.217.2:8080 -m -w 0",
        "-a -t 10.88.210.2:30080 -r 10.88.217.3:8080 -m -w 1", "-e -t 10.88.210.2:30080 -r 10.88.217.2:8080 -m -w 0");
    assertThat(ipvs.applied()).noneMatch(op -> op.line().contains("10.88.217.1"));

    // a quiesced destination stays while it has connections, at most for the grace period; one without goes at the next sync
    ipvs.setConnections("TCP 10.88.214.10:80/10.88.217.2:8080", 3);
    ipvs.clearApplied();
    proxier.sync(state(A, c), Set.of(), false);
    assertThat(ipvs.applied()).extracting(IpvsOp::line).containsExactly("-d -t 10.88.210.2:30080 -r 10.88.217.2:8080");
    ipvs.clearApplied();
    clock.advance(Duration.ofSeconds(59));
    proxier.sync(state(A, c), Set.of(), false);
    assertThat(ipvs.applied()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    proxier.sync(state(A, c), Set.of(), false);
    assertThat(ipvs.applied()).extracting(IpvsOp::line).containsExactly("-d -t 10.88.214.10:80 -r 10.88.217.2:8080");
    assertThat(ipvs.read()).isEqualTo(proxier.last().ipvs());

    // and one whose connections end goes before the grace period
    proxier.sync(state(A), Set.of(WEB.service()), false);
    ipvs.setConnections("TCP 10.88.214.10:80/10.88.217.3:8080", 1);
    ipvs.setConnections("TCP 10.88.210.2:30080/10.88.217.3:8080", 1);
    ipvs.clearApplied();
    proxier.sync(state(A), Set.of(), false);
    assertThat(ipvs.applied()).isEmpty();
    ipvs.setConnections("TCP 10.88.214.10:80/10.88.217.3:8080", 0);
    proxier.sync(state(A), Set.of(), false);
    assertThat(ipvs.applied()).extracting(IpvsOp::line).containsExactly("-d -t 10.88.214.10:80 -r 10.88.217.3:8080");
  }

  @Test void aServiceThatGoesTakesItsAddressAndEntries() throws Exception {
    proxier.sync(state(A), Set.of(), true);
    proxier.sync(ProxyState.EMPTY, Set.of(WEB.service()), false);
    assertThat(ipvs.read()).isEqualTo(IpvsTable.EMPTY);
    assertThat(links.addresses("kube-ipvs0")).isEmpty();
    assertThat(ipset.list().get("KUBE-CLUSTER-IP").entries()).isEmpty();
    assertThat(ipset.list().get("KUBE-NODE-PORT-TCP").entries()).isEmpty();
    assertThat(ipt.rules(Table.NAT, "KUBE-SERVICES")).noneMatch(r -> r.contains("KUBE-CLUSTER-IP"));
  }

  @Test void aFailedSyncMakesTheNextOneReadTheHostAgain() throws Exception {
    proxier.sync(state(A), Set.of(), true);
    ipvs.failNextApply("ipvsadm: boom");
    assertThatThrownBy(() -> proxier.sync(state(A, B), Set.of(WEB.service()), false)).isInstanceOf(HostnetException.class);
    // someone removed a virtual server meanwhile: the next (partial) sync reads the table and puts it back
    ipvs.apply(List.of(new IpvsOp.DeleteService(ipvs.read().services().get("TCP 10.88.214.10:80").server())));
    proxier.sync(state(A, B), Set.of(WEB.service()), false);
    assertThat(ipvs.read()).isEqualTo(proxier.last().ipvs());
    assertThat(ipvs.read().services().get("TCP 10.88.214.10:80").destinations().values())
        .containsExactly(new RealServer("10.88.217.1", 8080, 1), new RealServer("10.88.217.2", 8080, 1));
  }

  @Test void leftoversOfAnEarlierRunAreAdoptedAndCleaned() throws Exception {
    links.addDummy("kube-ipvs0");
    links.addAddress("kube-ipvs0", "10.88.214.99/32");
    ipvs.apply(List.of(new IpvsOp.AddService(new io.j8s.hostnet.ipvs.VirtualServer(io.j8s.hostnet.ipvs.VirtualServer.Protocol.TCP,
        "10.88.214.99", 80, "rr", 0))));
    proxier.sync(state(A), Set.of(), true);
    assertThat(links.addresses("kube-ipvs0")).containsExactly("10.88.214.10/32");
    assertThat(ipvs.read().services()).doesNotContainKey("TCP 10.88.214.99:80");
  }

  @Test void cleanupRemovesEverything() throws Exception {
    proxier.sync(state(A), Set.of(), true);
    proxier.cleanup();
    assertThat(ipvs.read()).isEqualTo(IpvsTable.EMPTY);
    assertThat(links.link("kube-ipvs0")).isEmpty();
    assertThat(ipset.list()).isEmpty();
    assertThat(ipt.chains(Table.NAT)).doesNotContain("KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-MARK-MASQ");
    assertThat(ipt.chains(Table.FILTER)).doesNotContain("KUBE-IPVS-FILTER", "KUBE-NODE-PORT");
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).isEmpty();
    proxier.sync(state(A), Set.of(), true);
    assertThat(ipvs.read()).isEqualTo(proxier.last().ipvs());
  }
}
