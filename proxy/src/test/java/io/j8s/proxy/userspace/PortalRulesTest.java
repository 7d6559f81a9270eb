package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.RecordingIptables;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.userspace.ListenerKey.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalRulesTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName DNS = ServicePortName.of("kube-system", "dns", "dns", "UDP");
  static final ServicePortName EMPTY = ServicePortName.of("ns", "empty", "", "TCP");
  static final Endpoint A = Endpoint.ready("10.1.0.1", 8080, "node");
  static final Endpoint B = Endpoint.ready("10.1.0.2", 8080, "other");

  static ListenerPlan plan() {
    return ListenerPlan.of(ProxyState.of(Map.of(
        WEB, ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080).withExternal(List.of("192.0.2.1"), List.of("198.51.100.7"),
            List.of()),
        DNS, ServicePort.clusterIP(DNS, "10.96.0.53", 53),
        EMPTY, ServicePort.clusterIP(EMPTY, "10.96.0.12", 80).withNodePort(30082)),
        Map.of(WEB, List.of(A, B), DNS, List.of(A))), "node");
  }

  static final Map<ListenerKey, Integer> PORTS = Map.of(new ListenerKey(WEB, Scope.INTERNAL), 40001,
      new ListenerKey(DNS, Scope.INTERNAL), 40002, new ListenerKey(EMPTY, Scope.INTERNAL), 40003);

  @Test void redirectsFromElsewhereAndDnatFromTheNodeForEveryPortal() {
    String p = PortalRules.render(plan(), PORTS, "10.88.180.1").payload();
    assertThat(p).contains(
        "-A KUBE-PORTALS-CONTAINER -m comment --comment \"ns/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j MARK --or-mark 0x2000\n"
            + "-A KUBE-PORTALS-CONTAINER -m comment --comment \"ns/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j REDIRECT --to-ports 40001\n",
        "-A KUBE-PORTALS-HOST -m comment --comment \"ns/web:http cluster IP\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j DNAT --to-destination 10.88.180.1:40001\n",
        "-A KUBE-PORTALS-CONTAINER -m comment --comment \"ns/web:http external IP\" -m tcp -p tcp -d 192.0.2.1/32 --dport 80 -j REDIRECT --to-ports 40001\n",
        "-A KUBE-PORTALS-HOST -m comment --comment \"ns/web:http loadbalancer IP\" -m tcp -p tcp -d 198.51.100.7/32 --dport 80 -j DNAT --to-destination 10.88.180.1:40001\n",
        "-A KUBE-NODEPORT-CONTAINER -m comment --comment ns/web:http -m tcp -p tcp --dport 30080 -j MARK --or-mark 0x2000\n"
            + "-A KUBE-NODEPORT-CONTAINER -m comment --comment ns/web:http -m tcp -p tcp --dport 30080 -j REDIRECT --to-ports 40001\n",
        "-A KUBE-NODEPORT-HOST -m comment --comment ns/web:http -m tcp -p tcp --dport 30080 -j DNAT --to-destination 10.88.180.1:40001\n",
        "-A KUBE-PORTALS-CONTAINER -m comment --comment \"kube-system/dns:dns cluster IP\" -m udp -p udp -d 10.96.0.53/32 --dport 53 -j REDIRECT --to-ports 40002\n");
  }

  @Test void noEndpointsIsRejectedInFilterAndNotRedirected() {
    PortalRules.Ruleset r = PortalRules.render(plan(), PORTS, "10.88.180.1");
    assertThat(r.payload()).contains(
        "-A KUBE-PORTALS-REJECT -m comment --comment \"ns/empty has no endpoints\" -m tcp -p tcp -d 10.96.0.12/32 --dport 80 -j REJECT\n",
        "-A KUBE-PORTALS-REJECT -m comment --comment \"ns/empty has no endpoints\" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30082 -j REJECT\n");
    assertThat(r.payload()).doesNotContain("40003");
    assertThat(r.natRules()).as("per redirected portal: mark, redirect, DNAT").isEqualTo(3 * 5);
    assertThat(r.filterRules()).isEqualTo(2);
  }

  @Test void localPolicyWithEndpointsOnlyElsewhereIsDropped() {
    ServicePort sp = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withPolicies(false, true, 0);
    ListenerPlan plan = ListenerPlan.of(ProxyState.of(Map.of(WEB, sp), Map.of(WEB, List.of(B))), "node");
    assertThat(PortalRules.render(plan, Map.of(new ListenerKey(WEB, Scope.INTERNAL), 40001), "10.0.0.1").payload())
        .contains("--comment \"ns/web:http has no local endpoints\" -m tcp -p tcp -d 10.96.0.10/32 --dport 80 -j DROP\n")
        .doesNotContain("REDIRECT");
  }

  @Test void aListenerWithoutAPortIsNotRedirected() {
    assertThat(PortalRules.render(plan(), Map.of(), "10.0.0.1").payload()).doesNotContain("REDIRECT").doesNotContain("DNAT");
  }

  @Test void everyChainIsDeclaredSoTheRestoreFlushesIt() {
    String p = PortalRules.render(ListenerPlan.of(ProxyState.EMPTY, "node"), Map.of(), "10.0.0.1").payload();
    assertThat(p).isEqualTo("*filter\n:KUBE-PORTALS-REJECT - [0:0]\nCOMMIT\n*nat\n:KUBE-PORTALS-CONTAINER - [0:0]\n"
        + ":KUBE-PORTALS-HOST - [0:0]\n:KUBE-NODEPORT-CONTAINER - [0:0]\n:KUBE-NODEPORT-HOST - [0:0]\nCOMMIT\n");
  }

  @Test void deterministic() {
    assertThat(PortalRules.render(plan(), PORTS, "10.0.0.1")).isEqualTo(PortalRules.render(plan(), PORTS, "10.0.0.1"));
  }

  @Test void restoresOntoTheFakeAndDeletes() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    for (PortalRules.Jump j : PortalRules.JUMPS) ipt.ensureChain(j.table(), j.to());
    ipt.restore(PortalRules.render(plan(), PORTS, "10.0.0.1").payload(), true);
    assertThat(ipt.rules(Table.NAT, PortalRules.NODEPORT_HOST)).hasSize(1);
    assertThat(ipt.rules(Table.NAT, PortalRules.PORTALS_CONTAINER)).as("a mark and a redirect per portal").hasSize(8);
    assertThat(ipt.rules(Table.FILTER, PortalRules.PORTALS_REJECT)).hasSize(2);
    ipt.restore(PortalRules.deletion(), true);
    assertThat(ipt.chains(Table.NAT)).doesNotContain(PortalRules.PORTALS_CONTAINER, PortalRules.NODEPORT_HOST);
    assertThat(ipt.chains(Table.FILTER)).doesNotContain(PortalRules.PORTALS_REJECT);
  }

  @Test void jumpsHookPortalsBeforeNodePortsAndNodePortsOnlyForLocalAddresses() {
    assertThat(PortalRules.JUMPS).extracting(j -> j.table() + " " + j.from() + " " + String.join(" ", j.args())).containsExactly(
        "NAT PREROUTING -m comment --comment handle ClusterIPs; NOTE: this must be before the NodePort rules -j KUBE-PORTALS-CONTAINER",
        "NAT OUTPUT -m comment --comment handle ClusterIPs; NOTE: this must be before the NodePort rules -j KUBE-PORTALS-HOST",
        "NAT PREROUTING -m addrtype --dst-type LOCAL -m comment --comment handle service NodePorts; NOTE: this must be the last rule in the chain -j KUBE-NODEPORT-CONTAINER",
        "NAT OUTPUT -m addrtype --dst-type LOCAL -m comment --comment handle service NodePorts; NOTE: this must be the last rule in the chain -j KUBE-NODEPORT-HOST",
        "FILTER INPUT -m conntrack --ctstate NEW -m comment --comment reject services without endpoints -j KUBE-PORTALS-REJECT",
        "FILTER FORWARD -m conntrack --ctstate NEW -m comment --comment reject services without endpoints -j KUBE-PORTALS-REJECT",
        "FILTER OUTPUT -m conntrack --ctstate NEW -m comment --comment reject services without endpoints -j KUBE-PORTALS-REJECT");
  }
}
