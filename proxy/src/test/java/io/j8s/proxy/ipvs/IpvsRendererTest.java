package io.j8s.proxy.ipvs;

import static io.j8s.hostnet.ipvs.VirtualServer.Protocol.SCTP;
import static io.j8s.hostnet.ipvs.VirtualServer.Protocol.TCP;
import static io.j8s.hostnet.ipvs.VirtualServer.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.ipvs.VirtualServer;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Service semantic rendered to virtual servers, real servers, kube-ipvs0 addresses and ip sets (test range 10.88.210-219). */
class IpvsRendererTest {
  static final String NODE = "node-a";
  static final String NODE_IP = "10.88.210.2";
  static final String NODE_IP2 = "10.88.212.2";
  static final IpvsConfig CFG = IpvsConfig.of(NODE, List.of(NODE_IP, NODE_IP2), "10.88.216.0/22", null);
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName WEBS = ServicePortName.of("ns", "web", "https", "TCP");
  static final ServicePortName DNS = ServicePortName.of("kube-system", "dns", "dns", "UDP");
  static final ServicePortName DIAM = ServicePortName.of("ns", "diameter", "", "SCTP");
  static final Endpoint LOCAL = Endpoint.ready("10.88.216.5", 8080, NODE);
  static final Endpoint REMOTE = Endpoint.ready("10.88.217.5", 8080, "node-b");
  static final Endpoint REMOTE2 = Endpoint.ready("10.88.217.6", 8080, "node-b");

  static ProxyState state(Map<ServicePortName, ServicePort> svcs, Map<ServicePortName, List<Endpoint>> eps) {
    return ProxyState.of(svcs, eps);
  }

  static ProxyState one(ServicePort p, Endpoint... eps) {
    return state(Map.of(p.name(), p), eps.length == 0 ? Map.of() : Map.of(p.name(), List.of(eps)));
  }

  static VirtualServer vs(VirtualServer.Protocol proto, String ip, int port) {
    return new VirtualServer(proto, ip, port, "rr", 0);
  }

  static List<RealServer> rs(Endpoint... eps) {
    return java.util.Arrays.stream(eps).map(e -> new RealServer(e.ip(), e.port(), 1)).toList();
  }

  static IpvsTable.Service svc(VirtualServer v, Endpoint... eps) {
    return IpvsTable.Service.of(v, rs(eps));
  }

  @Test void clusterIPIsOneVirtualServerBoundToTheDummyDevice() {
    IpvsDesired d = IpvsRenderer.render(one(ServicePort.clusterIP(WEB, "10.88.214.10", 80), REMOTE, LOCAL), CFG);
    assertThat(d.ipvs()).isEqualTo(IpvsTable.of(List.of(svc(vs(TCP, "10.88.214.10", 80), LOCAL, REMOTE))));
    assertThat(d.addresses()).containsExactly("10.88.214.10/32");
    assertThat(d.set(KubeIpsets.CLUSTER_IP).entries()).containsExactly("10.88.214.10,tcp:80");
    assertThat(d.set(KubeIpsets.IPVS_IPS).entries()).containsExactly("10.88.214.10");
    assertThat(d.set(KubeIpsets.LOOP_BACK).entries()).containsExactly("10.88.216.5,tcp:8080,10.88.216.5");
    assertThat(d.sets()).extracting(s -> s.name()).containsExactlyElementsOf(KubeIpsets.names());
    for (KubeIpsets s : List.of(KubeIpsets.NODE_PORT_TCP, KubeIpsets.EXTERNAL_IP, KubeIpsets.LOAD_BALANCER)) {
      assertThat(d.set(s).entries()).isEmpty();
    }
  }

  @Test void schedulerIsConfigurable() {
    IpvsConfig sh = IpvsConfig.of(NODE, List.of(NODE_IP), null, "sh");
    IpvsDesired d = IpvsRenderer.render(one(ServicePort.clusterIP(WEB, "10.88.214.10", 80), REMOTE), sh);
    assertThat(d.ipvs().services().values()).extracting(s -> s.server().scheduler()).containsOnly("sh");
    assertThat(IpvsConfig.of(NODE, List.of(), null, " ").scheduler()).isEqualTo("rr");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpvsConfig.of(NODE, List.of(), null, "roundrobin"))
        .hasMessageContaining("--ipvs-scheduler roundrobin is not an IPVS scheduler").hasMessageContaining("rr, sed, sh");
  }

  @Test void nodePortIsOneVirtualServerPerNodeAddressAndNotBound() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080);
    IpvsDesired d = IpvsRenderer.render(one(p, REMOTE), CFG);
    assertThat(d.ipvs().services().keySet()).containsExactly("TCP 10.88.210.2:30080", "TCP 10.88.212.2:30080", "TCP 10.88.214.10:80");
    assertThat(d.ipvs().services().get("TCP 10.88.212.2:30080")).isEqualTo(svc(vs(TCP, NODE_IP2, 30080), REMOTE));
    assertThat(d.addresses()).containsExactly("10.88.214.10/32");
    assertThat(d.set(KubeIpsets.NODE_PORT_TCP).entries()).containsExactly("30080");
    assertThat(d.set(KubeIpsets.NODE_PORT_LOCAL_TCP).entries()).isEmpty();
    assertThat(d.iptables()).contains("-A KUBE-NODE-PORT -p tcp -m comment --comment \"Kubernetes nodeport TCP port for masquerade purpose\""
        + " -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ\n");
  }

  @Test void udpAndSctpNodePortsUseTheirSets() {
    ServicePort dns = ServicePort.clusterIP(DNS, "10.88.214.53", 53).withNodePort(30053);
    ServicePort diam = ServicePort.clusterIP(DIAM, "10.88.214.54", 3868).withNodePort(30868).withPolicies(true, false, 0);
    IpvsDesired d = IpvsRenderer.render(state(Map.of(DNS, dns, DIAM, diam), Map.of(DNS, List.of(REMOTE), DIAM, List.of(LOCAL))), CFG);
    assertThat(d.ipvs().services().keySet()).contains("UDP 10.88.214.53:53", "UDP 10.88.210.2:30053", "SCTP 10.88.214.54:3868",
        "SCTP 10.88.210.2:30868", "SCTP 10.88.212.2:30868");
    assertThat(d.set(KubeIpsets.NODE_PORT_UDP).entries()).containsExactly("30053");
    assertThat(d.set(KubeIpsets.NODE_PORT_SCTP).entries()).containsExactly("10.88.210.2,sctp:30868", "10.88.212.2,sctp:30868");
    assertThat(d.set(KubeIpsets.NODE_PORT_LOCAL_SCTP).entries()).containsExactly("10.88.210.2,sctp:30868", "10.88.212.2,sctp:30868");
    assertThat(d.set(KubeIpsets.CLUSTER_IP).entries()).containsExactly("10.88.214.53,udp:53", "10.88.214.54,sctp:3868");
    assertThat(d.iptables()).contains("-A KUBE-NODE-PORT -p sctp -m comment --comment \"Kubernetes nodeport SCTP port with"
        + " externalTrafficPolicy=local with type 'hash ip:port'\" -m set --match-set KUBE-NODE-PORT-LOCAL-SCTP-HASH dst,dst -j RETURN\n");
    assertThat(d.iptables()).contains("-m set --match-set KUBE-NODE-PORT-UDP dst -j KUBE-MARK-MASQ");
  }

  @Test void multipleAndNamedPortsAreSeparateVirtualServers() {
    ServicePort http = ServicePort.clusterIP(WEB, "10.88.214.10", 80);
    ServicePort https = ServicePort.clusterIP(WEBS, "10.88.214.10", 443);
    Endpoint h = Endpoint.ready("10.88.217.5", 8080, "node-b");
    Endpoint hs = Endpoint.ready("10.88.217.5", 8443, "node-b");
    IpvsDesired d = IpvsRenderer.render(state(Map.of(WEB, http, WEBS, https), Map.of(WEB, List.of(h), WEBS, List.of(hs))), CFG);
    assertThat(d.ipvs()).isEqualTo(IpvsTable.of(List.of(svc(vs(TCP, "10.88.214.10", 80), h), svc(vs(TCP, "10.88.214.10", 443), hs))));
    assertThat(d.addresses()).containsExactly("10.88.214.10/32");
  }

  @Test void clientIPAffinityIsPersistenceWithItsTimeout() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080).withAffinity(600)
        .withExternal(List.of("10.88.213.7"), List.of("10.88.213.8"), List.of());
    IpvsDesired d = IpvsRenderer.render(one(p, REMOTE), CFG);
    assertThat(d.ipvs().services().values()).hasSize(5).allSatisfy(s -> assertThat(s.server().persistenceSeconds()).isEqualTo(600));
    ServicePort plain = ServicePort.clusterIP(WEB, "10.88.214.10", 80);
    assertThat(IpvsRenderer.render(one(plain, REMOTE), CFG).ipvs().services().values()).allSatisfy(
        s -> assertThat(s.server().persistenceSeconds()).isZero());
  }

  @Test void externalIPsAreBoundUnlessTheyAreNodeAddresses() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withExternal(List.of("10.88.213.7", NODE_IP), List.of(), List.of());
    IpvsDesired d = IpvsRenderer.render(one(p, REMOTE), CFG);
    assertThat(d.ipvs().services().keySet()).containsExactly("TCP 10.88.210.2:80", "TCP 10.88.213.7:80", "TCP 10.88.214.10:80");
    assertThat(d.addresses()).containsExactly("10.88.213.7/32", "10.88.214.10/32");
    assertThat(d.set(KubeIpsets.EXTERNAL_IP).entries()).containsExactly("10.88.210.2,tcp:80", "10.88.213.7,tcp:80");
    assertThat(d.iptables()).contains("-A KUBE-SERVICES -m comment --comment \"Kubernetes service external ip + port for masquerade and"
        + " filter purpose\" -m set --match-set KUBE-EXTERNAL-IP dst,dst -j KUBE-MARK-MASQ\n");
    assertThat(d.iptables()).contains("--match-set KUBE-EXTERNAL-IP dst,dst -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL"
        + " -j ACCEPT\n");
  }

  @Test void loadBalancerIngressWithSourceRanges() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80)
        .withExternal(List.of(), List.of("10.88.213.8"), List.of("10.88.218.0/24", "10.88.219.7/32"));
    IpvsDesired d = IpvsRenderer.render(one(p, REMOTE), CFG);
    assertThat(d.ipvs().services().get("TCP 10.88.213.8:80")).isEqualTo(svc(vs(TCP, "10.88.213.8", 80), REMOTE));
    assertThat(d.addresses()).contains("10.88.213.8/32");
    assertThat(d.set(KubeIpsets.LOAD_BALANCER).entries()).containsExactly("10.88.213.8,tcp:80");
    assertThat(d.set(KubeIpsets.LOAD_BALANCER_FW).entries()).containsExactly("10.88.213.8,tcp:80");
    assertThat(d.set(KubeIpsets.LOAD_BALANCER_SOURCE_CIDR).entries())
        .containsExactly("10.88.213.8,tcp:80,10.88.218.0/24", "10.88.213.8,tcp:80,10.88.219.7");
    assertThat(d.set(KubeIpsets.LOAD_BALANCER_SOURCE_IP).entries()).isEmpty();
    assertThat(d.iptables()).contains("-A KUBE-IPVS-OUT-FILTER -s 10.88.213.8 -m ipvs --vaddr 10.88.213.8 --vproto tcp --vport 80 -j DROP\n",
        "-A KUBE-PROXY-FIREWALL -m comment --comment \"Kubernetes service load balancer ip + port for load balancer with sourceRange\""
            + " -m set --match-set KUBE-LOAD-BALANCER-FW dst,dst -j KUBE-SOURCE-RANGES-FIREWALL\n",
        "-A KUBE-SOURCE-RANGES-FIREWALL -j DROP\n", "-A KUBE-SERVICES -m set --match-set KUBE-LOAD-BALANCER dst,dst -j ACCEPT\n");

    ServicePort fromNode = p.withExternal(List.of(), List.of("10.88.213.8"), List.of("10.88.210.0/24"));
    IpvsDesired n = IpvsRenderer.render(one(fromNode, REMOTE), CFG);
    assertThat(n.set(KubeIpsets.LOAD_BALANCER_SOURCE_IP).entries()).containsExactly("10.88.213.8,tcp:80,10.88.213.8");
    assertThat(n.iptables()).doesNotContain("KUBE-IPVS-OUT-FILTER -s");
  }

  @Test void externalLocalPolicyUsesLocalEndpointsOrFallsBackToClusterOnes() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080)
        .withExternal(List.of("10.88.213.7"), List.of("10.88.213.8"), List.of()).withPolicies(true, false, 32000);
    IpvsDesired d = IpvsRenderer.render(one(p, REMOTE, LOCAL, REMOTE2), CFG);
    assertThat(d.ipvs().services().get("TCP 10.88.214.10:80")).isEqualTo(svc(vs(TCP, "10.88.214.10", 80), LOCAL, REMOTE, REMOTE2));
    for (String k : List.of("TCP 10.88.213.7:80", "TCP 10.88.213.8:80", "TCP 10.88.210.2:30080", "TCP 10.88.212.2:30080")) {
      assertThat(d.ipvs().services().get(k).destinations().values()).containsExactlyElementsOf(rs(LOCAL));
    }
    assertThat(d.set(KubeIpsets.EXTERNAL_IP_LOCAL).entries()).containsExactly("10.88.213.7,tcp:80");
    assertThat(d.set(KubeIpsets.EXTERNAL_IP).entries()).isEmpty();
    assertThat(d.set(KubeIpsets.LOAD_BALANCER_LOCAL).entries()).containsExactly("10.88.213.8,tcp:80");
    assertThat(d.set(KubeIpsets.NODE_PORT_LOCAL_TCP).entries()).containsExactly("30080");
    assertThat(d.set(KubeIpsets.HEALTH_CHECK_NODE_PORT).entries()).containsExactly("32000");
    assertThat(d.iptables()).contains("-A KUBE-NODE-PORT -m comment --comment \"Kubernetes health check node port\" -m set --match-set"
        + " KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT\n");
    String nat = d.iptables().substring(0, d.iptables().indexOf("*filter"));
    assertThat(nat.indexOf("KUBE-NODE-PORT-LOCAL-TCP dst -j RETURN")).isLessThan(nat.indexOf("KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ"));

    IpvsDesired none = IpvsRenderer.render(one(p, REMOTE, REMOTE2), CFG);
    assertThat(none.ipvs().services().get("TCP 10.88.210.2:30080").destinations().values()).containsExactlyElementsOf(rs(REMOTE, REMOTE2));
  }

  @Test void internalLocalPolicyUsesOnlyLocalEndpoints() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withPolicies(false, true, 0);
    assertThat(IpvsRenderer.render(one(p, REMOTE, LOCAL), CFG).ipvs().services().get("TCP 10.88.214.10:80").destinations().values())
        .containsExactlyElementsOf(rs(LOCAL));
    assertThat(IpvsRenderer.render(one(p, REMOTE), CFG).ipvs().services().get("TCP 10.88.214.10:80").destinations()).isEmpty();
  }

  @Test void noEndpointsKeepsTheVirtualServerWithoutRealServers() {
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withNodePort(30080);
    IpvsDesired d = IpvsRenderer.render(one(p), CFG);
    assertThat(d.ipvs().services()).hasSize(3).allSatisfy((k, s) -> assertThat(s.destinations()).isEmpty());
    assertThat(d.addresses()).containsExactly("10.88.214.10/32");
    assertThat(d.set(KubeIpsets.LOOP_BACK).entries()).isEmpty();
  }

  @Test void terminatingEndpointsOnlyWhenNoneIsReady() {
    Endpoint terminating = new Endpoint("10.88.217.9", 8080, false, true, true, "node-b", "");
    Endpoint notServing = new Endpoint("10.88.217.10", 8080, false, false, true, "node-b", "");
    ServicePort p = ServicePort.clusterIP(WEB, "10.88.214.10", 80);
    assertThat(IpvsRenderer.render(one(p, REMOTE, terminating, notServing), CFG).ipvs().services().get("TCP 10.88.214.10:80")
        .destinations().values()).containsExactlyElementsOf(rs(REMOTE));
    assertThat(IpvsRenderer.render(one(p, terminating, notServing), CFG).ipvs().services().get("TCP 10.88.214.10:80")
        .destinations().values()).containsExactlyElementsOf(rs(terminating));
  }

  @Test void masqueradeRulesFollowTheClusterCIDR() {
    ProxyState s = one(ServicePort.clusterIP(WEB, "10.88.214.10", 80), REMOTE);
    String head = "-A KUBE-SERVICES -m comment --comment \"Kubernetes service cluster ip + port for masquerade purpose\" -m set"
        + " --match-set KUBE-CLUSTER-IP ";
    assertThat(IpvsRenderer.render(s, CFG).iptables()).contains(head + "dst,dst ! -s 10.88.216.0/22 -j KUBE-MARK-MASQ\n");
    assertThat(IpvsRenderer.render(s, IpvsConfig.of(NODE, List.of(NODE_IP), null, null)).iptables())
        .contains(head + "src,dst -j KUBE-MARK-MASQ\n");
    IpvsConfig all = new IpvsConfig(NODE, List.of(NODE_IP), "10.88.216.0/22", "rr", 14, true, IpvsConfig.DEFAULT_GRACE);
    assertThat(IpvsRenderer.render(s, all).iptables()).contains(head + "dst,dst -j KUBE-MARK-MASQ\n");
  }

  @Test void iptablesLayoutAsUpstream() {
    ProxyState s = one(ServicePort.clusterIP(WEB, "10.88.214.10", 80), LOCAL);
    assertThat(IpvsRenderer.render(s, CFG).iptables()).isEqualTo("""
        *nat
        :KUBE-SERVICES - [0:0]
        :KUBE-POSTROUTING - [0:0]
        :KUBE-NODE-PORT - [0:0]
        :KUBE-LOAD-BALANCER - [0:0]
        :KUBE-MARK-MASQ - [0:0]
        -A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN
        -A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" \
        -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE
        -A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set \
        --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.88.216.0/22 -j KUBE-MARK-MASQ
        -A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
        -A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ
        -A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
        -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
        -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
        -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
        -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
        COMMIT
        *filter
        :KUBE-FORWARD - [0:0]
        :KUBE-NODE-PORT - [0:0]
        :KUBE-PROXY-FIREWALL - [0:0]
        :KUBE-SOURCE-RANGES-FIREWALL - [0:0]
        :KUBE-IPVS-FILTER - [0:0]
        :KUBE-IPVS-OUT-FILTER - [0:0]
        -A KUBE-SOURCE-RANGES-FIREWALL -j DROP
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT \
        dst -j ACCEPT
        -A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN
        -A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN
        -A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN
        -A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN
        -A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN
        -A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT
        COMMIT
        """);
  }

  @Test void aSharedExternalAddressGoesToTheFirstPort() {
    ServicePortName other = ServicePortName.of("ns", "zz", "http", "TCP");
    ServicePort a = ServicePort.clusterIP(WEB, "10.88.214.10", 80).withExternal(List.of("10.88.213.7"), List.of(), List.of());
    ServicePort b = ServicePort.clusterIP(other, "10.88.214.11", 80).withExternal(List.of("10.88.213.7"), List.of(), List.of());
    Map<ServicePortName, List<Endpoint>> eps = new HashMap<>();
    eps.put(WEB, List.of(REMOTE));
    eps.put(other, List.of(REMOTE2));
    IpvsDesired d = IpvsRenderer.render(state(Map.of(WEB, a, other, b), eps), CFG);
    assertThat(d.ipvs().services().get("TCP 10.88.213.7:80")).isEqualTo(svc(vs(TCP, "10.88.213.7", 80), REMOTE));
    assertThat(d.ipvs().services()).containsKey("TCP 10.88.214.11:80");
  }

  @Test void udpVirtualServerForUdpPorts() {
    IpvsDesired d = IpvsRenderer.render(one(ServicePort.clusterIP(DNS, "10.88.214.53", 53), Endpoint.ready("10.88.217.53", 53, "b")), CFG);
    assertThat(d.ipvs().services().values()).extracting(s -> s.server()).containsExactly(vs(UDP, "10.88.214.53", 53));
    assertThat(d.ipvs().services().values()).extracting(s -> s.server().protocol()).doesNotContain(SCTP);
  }
}
