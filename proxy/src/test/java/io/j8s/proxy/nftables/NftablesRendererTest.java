package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.conntrack.RecordingConntrack;
import io.j8s.hostnet.nftables.RecordingNftables;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rendered table, applied to the recording fake and traced packet by packet. */
class NftablesRendererTest {
  static final String NODE_IP = "192.168.1.10";
  static final String CIDR = "10.244.0.0/16";
  static final NftablesConfig CFG = NftablesConfig.of("node-a", List.of(NODE_IP), CIDR);
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName DNS = ServicePortName.of("kube-system", "dns", "dns", "UDP");
  static final ServicePortName EMPTY = ServicePortName.of("ns", "empty", "", "TCP");
  static final List<Endpoint> THREE = List.of(Endpoint.ready("10.244.1.5", 8080, "node-b"), Endpoint.ready("10.244.2.5", 8080, "node-c"),
      Endpoint.ready("10.244.0.5", 8080, "node-a"));

  final RecordingNftables nft = new RecordingNftables();
  final NftablesProxier proxier = new NftablesProxier(nft, CFG);
  final NftTrace trace = new NftTrace(nft);

  static ProxyState state(Map<ServicePortName, ServicePort> svcs, Map<ServicePortName, List<Endpoint>> eps) {
    return ProxyState.of(svcs, eps);
  }

  NftTrace.Result from(String saddr, String daddr, String proto, int port, int pick) {
    return trace.trace(saddr, false, daddr, proto, port, CIDR, n -> pick % n);
  }

  @Test void tableLayoutHasUpstreamsBaseAndOneChainPerServicePath() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80);
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE)), Set.of(), true);
    String s = proxier.lastScript();
    assertThat(s).startsWith("add table ip kube-proxy\ndelete table ip kube-proxy\nadd table ip kube-proxy\n");
    assertThat(s).contains("add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }",
        "add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }",
        "add chain ip kube-proxy filter-forward { type filter hook forward priority -10 ; }",
        "add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips",
        "add rule ip kube-proxy masquerading masquerade fully-random",
        "add rule ip kube-proxy masquerading ct status dnat ip saddr . ip daddr @hairpin jump mark-for-masquerade",
        "add rule ip kube-proxy mark-for-masquerade meta mark set meta mark or 0x4000",
        "add map ip kube-proxy endpoints-0 { typeof numgen random mod 1 : ip daddr . tcp dport ; }",
        "add map ip kube-proxy endpoints-63 {",
        "add map ip kube-proxy endpoints-udp-0 { typeof numgen random mod 1 : ip daddr . udp dport ; }",
        "add map ip kube-proxy endpoints-sctp-63 { typeof numgen random mod 1 : ip daddr . sctp dport ; }");
    Map<String, List<String>> chains = nft.chains(NftablesProxier.TABLE);
    String svc = chains.keySet().stream().filter(c -> c.startsWith("service-")).findFirst().orElseThrow();
    assertThat(svc).matches("service-[A-Z2-7]{8}-ns/web/tcp/http");
    assertThat(chains.keySet()).as("no per-endpoint chains").noneMatch(c -> c.startsWith("endpoint-"));
    assertThat(chains.get(svc)).hasSize(2).last().asString().matches("meta l4proto tcp dnat ip to numgen random mod 3 offset \\d+ map @endpoints-\\d+");
    String map = chains.get(svc).getLast().replaceAll(".* map @", "");
    int base = Integer.parseInt(chains.get(svc).getLast().replaceAll(".* offset (\\d+) map .*", "$1"));
    assertThat(nft.elements(NftablesProxier.TABLE, map)).containsExactly(Map.entry(Integer.toString(base), "10.244.0.5 . 8080"),
        Map.entry(Integer.toString(base + 1), "10.244.1.5 . 8080"), Map.entry(Integer.toString(base + 2), "10.244.2.5 . 8080"));
    assertThat(nft.elements(NftablesProxier.TABLE, "hairpin")).containsOnlyKeys("10.244.0.5 . 10.244.0.5", "10.244.1.5 . 10.244.1.5",
        "10.244.2.5 . 10.244.2.5");
    assertThat(nft.elements(NftablesProxier.TABLE, "service-ips")).containsExactly(Map.entry("10.96.0.10 . tcp . 80", "goto " + svc));
    assertThat(nft.elements(NftablesProxier.TABLE, "cluster-ips")).containsOnlyKeys("10.96.0.10");
    assertThat(nft.elements(NftablesProxier.TABLE, "nodeport-ips")).containsOnlyKeys(NODE_IP);
  }

  @Test void perPacketRulesDoNotGrowWithServices() throws Exception {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      ServicePortName n = ServicePortName.of("ns", "s" + i, "", i % 2 == 0 ? "TCP" : "UDP");
      svcs.put(n, ServicePort.clusterIP(n, "10.96.1." + i, 80).withNodePort(30000 + i));
      eps.put(n, List.of(Endpoint.ready("10.244.3." + i, 80, "node-b")));
    }
    proxier.sync(state(svcs, eps), Set.of(), true);
    Map<String, List<String>> chains = nft.chains(NftablesProxier.TABLE);
    assertThat(chains.get("services")).hasSize(2);
    assertThat(chains.get("service-endpoints-check")).hasSize(1);
    assertThat(nft.elements(NftablesProxier.TABLE, "service-ips")).hasSize(200);
    assertThat(nft.elements(NftablesProxier.TABLE, "service-nodeports")).hasSize(200).containsKey("udp . 30001");
    assertThat(from("10.244.9.9", "10.96.1.77", "udp", 80, 0).dnat()).isEqualTo("10.244.3.77:80");
    assertThat(from("10.244.9.9", "10.96.1.77", "tcp", 80, 0).filter()).as("wrong protocol: invalid ClusterIP port").isEqualTo("reject");
  }

  @Test void clusterIPSpreadsAndMasqueradesOnlyOffClusterTraffic() throws Exception {
    proxier.sync(state(Map.of(WEB, ServicePort.clusterIP(WEB, "10.96.0.10", 80)), Map.of(WEB, THREE)), Set.of(), true);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      NftTrace.Result r = from("10.244.7.7", "10.96.0.10", "tcp", 80, i);
      assertThat(r.masquerade()).isFalse();
      assertThat(r.filter()).isNull();
      seen.add(r.dnat());
    }
    assertThat(seen).containsExactlyInAnyOrder("10.244.0.5:8080", "10.244.1.5:8080", "10.244.2.5:8080");
    assertThat(from("192.168.1.77", "10.96.0.10", "tcp", 80, 0).masquerade()).isTrue();
    assertThat(from("10.244.1.5", "10.96.0.10", "tcp", 80, 1).masquerade()).as("hairpin").isTrue();
    assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 81, 0).filter()).isEqualTo("reject");
    assertThat(nft.chains(NftablesProxier.TABLE).values().stream().flatMap(List::stream).filter(r -> r.contains("numgen")))
        .singleElement().asString().startsWith("meta l4proto tcp dnat ip to numgen random mod 3 offset ");
  }

  @Test void roundRobinUsesAnIncrementingCounter() throws Exception {
    NftablesProxier rr = new NftablesProxier(nft, CFG.withRoundRobin(true));
    rr.sync(state(Map.of(WEB, ServicePort.clusterIP(WEB, "10.96.0.10", 80)), Map.of(WEB, THREE)), Set.of(), true);
    assertThat(rr.lastScript()).contains("dnat ip to numgen inc mod 3 offset ").doesNotContain("to numgen random");
  }

  @Test void nodePortIsCapturedOnNodeIPsAndAlwaysMasqueraded() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080);
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE)), Set.of(), true);
    NftTrace.Result r = from("203.0.113.5", NODE_IP, "tcp", 30080, 2);
    assertThat(r.dnat()).isEqualTo(THREE.get(1).address());
    assertThat(r.masquerade()).isTrue();
    assertThat(r.chains().getFirst()).startsWith("external-");
    assertThat(from("203.0.113.5", "192.168.1.99", "tcp", 30080, 0).dnat()).as("not a node IP").isNull();
  }

  @Test void servicesWithoutEndpointsAreRejectedNotCaptured() throws Exception {
    ServicePort empty = ServicePort.clusterIP(EMPTY, "10.96.0.20", 80).withNodePort(30081);
    proxier.sync(state(Map.of(EMPTY, empty), Map.of()), Set.of(), true);
    assertThat(nft.elements(NftablesProxier.TABLE, "service-ips")).isEmpty();
    assertThat(from("10.244.7.7", "10.96.0.20", "tcp", 80, 0)).extracting(NftTrace.Result::dnat, NftTrace.Result::filter)
        .containsExactly(null, "reject");
    assertThat(from("203.0.113.5", NODE_IP, "tcp", 30081, 0).filter()).isEqualTo("reject");
    assertThat(nft.chains(NftablesProxier.TABLE).get("reject-chain")).containsExactly("meta l4proto tcp reject with tcp reset", "reject");
  }

  @Test void clientIPAffinityPinsThroughATimedSet() throws Exception {
    ServicePort dns = ServicePort.clusterIP(DNS, "10.96.0.53", 53).withAffinity(600);
    proxier.sync(state(Map.of(DNS, dns), Map.of(DNS, THREE)), Set.of(), true);
    String first = from("10.244.7.7", "10.96.0.53", "udp", 53, 1).dnat();
    for (int i = 0; i < 3; i++) assertThat(from("10.244.7.7", "10.96.0.53", "udp", 53, i).dnat()).isEqualTo(first);
    assertThat(from("10.244.7.8", "10.96.0.53", "udp", 53, 2).dnat()).as("another client is spread anew").isNotEqualTo(first);
    assertThat(proxier.lastScript()).containsPattern(
        "add set ip kube-proxy affinity-[A-Z2-7]{8}-kube-system/dns/udp/dns__10\\.244\\.0\\.5/8080 \\{ type ipv4_addr ; flags dynamic,timeout ; timeout 600s ; }");
  }

  @Test void externalTrafficPolicyLocal() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withNodePort(30080).withPolicies(true, false, 31000);
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE)), Set.of(), true);
    for (int i = 0; i < 3; i++) {
      NftTrace.Result r = from("203.0.113.5", NODE_IP, "tcp", 30080, i);
      assertThat(r.dnat()).as("only the local endpoint").isEqualTo("10.244.0.5:8080");
      assertThat(r.masquerade()).as("client IP preserved").isFalse();
    }
    assertThat(from("10.244.7.7", NODE_IP, "tcp", 30080, 1).dnat()).as("pods short-circuit to all endpoints").isEqualTo("10.244.1.5:8080");
    NftTrace.Result node = trace.trace(NODE_IP, true, NODE_IP, "tcp", 30080, CIDR, n -> 2 % n);
    assertThat(node.dnat()).isEqualTo("10.244.2.5:8080");
    assertThat(node.masquerade()).isTrue();
    List<Endpoint> remote = THREE.subList(0, 2);
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, remote)), Set.of(WEB.service()), false);
    assertThat(from("203.0.113.5", NODE_IP, "tcp", 30080, 0)).extracting(NftTrace.Result::dnat, NftTrace.Result::filter)
        .containsExactly(null, "drop");
    assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 80, 0).dnat()).as("ClusterIP still Cluster").isNotNull();
  }

  @Test void internalTrafficPolicyLocal() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withPolicies(false, true, 0);
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE)), Set.of(), true);
    for (int i = 0; i < 3; i++) assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 80, i).dnat()).isEqualTo("10.244.0.5:8080");
    assertThat(nft.chains(NftablesProxier.TABLE).keySet()).noneMatch(c -> c.matches("service-[A-Z2-7]{8}-.*"));
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE.subList(0, 2))), Set.of(WEB.service()), false);
    assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 80, 0).filter()).isEqualTo("drop");
  }

  @Test void externalIPsAndLoadBalancerWithSourceRanges() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80).withExternal(List.of("198.51.100.7"), List.of("198.51.100.8"),
        List.of("203.0.113.0/24"));
    proxier.sync(state(Map.of(WEB, web), Map.of(WEB, THREE)), Set.of(), true);
    assertThat(from("203.0.113.5", "198.51.100.7", "tcp", 80, 0).dnat()).isEqualTo("10.244.0.5:8080");
    NftTrace.Result lb = from("203.0.113.5", "198.51.100.8", "tcp", 80, 1);
    assertThat(lb.dnat()).isEqualTo("10.244.1.5:8080");
    assertThat(lb.filter()).isNull();
    assertThat(from("192.0.2.1", "198.51.100.8", "tcp", 80, 1).filter()).as("outside the source ranges").isEqualTo("drop");
    assertThat(from("192.0.2.1", "198.51.100.7", "tcp", 80, 1).filter()).as("externalIPs have no firewall").isNull();
  }

  @Test void partialSyncTouchesOnlyWhatChanged() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80);
    ServicePort dns = ServicePort.clusterIP(DNS, "10.96.0.53", 53);
    proxier.sync(state(Map.of(WEB, web, DNS, dns), Map.of(WEB, THREE, DNS, THREE)), Set.of(), true);
    List<Endpoint> two = new ArrayList<>(List.of(THREE.get(0), THREE.get(2)));
    proxier.sync(state(Map.of(WEB, web, DNS, dns), Map.of(WEB, two, DNS, THREE)), Set.of(WEB.service()), false);
    List<String> lines = proxier.lastScript().lines().toList();
    assertThat(lines).noneMatch(l -> l.contains("table") || l.contains("dns") || l.contains("service-ips"));
    assertThat(lines).filteredOn(l -> l.startsWith("flush chain")).singleElement().asString().contains(" service-");
    assertThat(lines).noneMatch(l -> l.startsWith("delete chain") || l.startsWith("add chain"));
    assertThat(lines).filteredOn(l -> l.startsWith("delete element")).as("the slot of the endpoint gone").singleElement().asString()
        .matches("delete element ip kube-proxy endpoints-\\d+ \\{ \\d+ }");
    assertThat(lines).as("dns still holds 10.244.2.5's hairpin element").noneMatch(l -> l.contains("hairpin"));
    assertThat(lines).anyMatch(l -> l.startsWith("add rule ip kube-proxy service-") && l.contains("numgen random mod 2 offset"));
    for (int i = 0; i < 4; i++) assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 80, i).dnat()).isNotEqualTo("10.244.2.5:8080");
    assertThat(from("10.244.2.5", "10.96.0.53", "udp", 53, 2).masquerade()).as("hairpin through dns").isTrue();
    proxier.sync(state(Map.of(DNS, dns), Map.of(DNS, THREE)), Set.of(WEB.service()), false);
    assertThat(nft.chains(NftablesProxier.TABLE).keySet()).noneMatch(c -> c.contains("/web/"));
    assertThat(from("10.244.7.7", "10.96.0.10", "tcp", 80, 0).dnat()).isNull();
    assertThat(nft.elements(NftablesProxier.TABLE, "hairpin")).hasSize(3);
    proxier.sync(state(Map.of(DNS, dns), Map.of(DNS, THREE)), Set.of(new ServiceRef("ns", "other")), false);
    assertThat(nft.scripts()).hasSize(3).as("nothing changed, nothing applied");
    proxier.sync(state(Map.of(DNS, dns), Map.of()), Set.of(DNS.service()), false);
    assertThat(nft.elements(NftablesProxier.TABLE, "hairpin")).as("the last holder let go").isEmpty();
    for (String protocol : SlotAllocation.PROTOCOLS) {
      for (int i = 0; i < SlotAllocation.SHARDS; i++) assertThat(nft.elements(NftablesProxier.TABLE, SlotAllocation.mapName(i, protocol))).isEmpty();
    }
  }

  @Test void staleUdpFlowsAreDeletedAfterASync() throws Exception {
    RecordingConntrack ct = new RecordingConntrack();
    NftablesProxier p = new NftablesProxier(nft, CFG, new UdpConntrackCleaner(ct));
    ServicePort dns = ServicePort.clusterIP(DNS, "10.96.0.53", 53);
    p.sync(state(Map.of(DNS, dns), Map.of(DNS, THREE)), Set.of(), true);
    assertThat(ct.deleted()).as("endpoints came: flows cached while it was rejected go").singleElement()
        .satisfies(f -> assertThat(f.args()).containsExactly("-D", "-p", "udp", "--orig-dst", "10.96.0.53", "--orig-port-dst", "53"));
    ct.clear();
    p.sync(state(Map.of(DNS, dns), Map.of(DNS, THREE.subList(0, 2))), Set.of(DNS.service()), false);
    assertThat(ct.deleted()).isNotEmpty().allSatisfy(f -> assertThat(f.args()).contains("udp", "10.96.0.53", "--reply-src", "10.244.0.5"));
  }

  @Test void endpointChangesKeepOtherServicesSlots() throws Exception {
    ServicePort web = ServicePort.clusterIP(WEB, "10.96.0.10", 80);
    ServicePort dns = ServicePort.clusterIP(DNS, "10.96.0.53", 53);
    proxier.sync(state(Map.of(WEB, web, DNS, dns), Map.of(WEB, THREE, DNS, THREE)), Set.of(), true);
    List<String> dnsChain = nft.chains(NftablesProxier.TABLE).entrySet().stream().filter(e -> e.getKey().contains("/dns/"))
        .findFirst().orElseThrow().getValue();
    List<Endpoint> five = new ArrayList<>(THREE);
    five.add(Endpoint.ready("10.244.4.5", 8080, "node-b"));
    five.add(Endpoint.ready("10.244.5.5", 8080, "node-b"));
    proxier.sync(state(Map.of(WEB, web, DNS, dns), Map.of(WEB, five, DNS, THREE)), Set.of(WEB.service()), false);
    assertThat(proxier.lastScript()).as("web grows beyond its 4 slots").contains("numgen random mod 5 offset").doesNotContain("/dns/");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5; i++) seen.add(from("10.244.7.7", "10.96.0.10", "tcp", 80, i).dnat());
    assertThat(seen).hasSize(5).contains("10.244.4.5:8080", "10.244.5.5:8080");
    seen.clear();
    for (int i = 0; i < 3; i++) seen.add(from("10.244.7.7", "10.96.0.53", "udp", 53, i).dnat());
    assertThat(seen).hasSize(3);
    assertThat(nft.chains(NftablesProxier.TABLE).entrySet().stream().filter(e -> e.getKey().contains("/dns/")).findFirst().orElseThrow()
        .getValue()).isEqualTo(dnsChain);
  }
}
