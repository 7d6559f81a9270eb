package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.proxy.iptables.Trace.Outcome;
import io.j8s.proxy.iptables.Trace.Packet;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IptablesRendererTest {
  static final String NODE = "node-a";
  static final String NODE_IP = "192.168.50.2";
  static final Set<String> NODE_IPS = Set.of(NODE_IP);
  static final IptablesConfig CFG = IptablesConfig.of(NODE, List.of(NODE_IP), "10.42.0.0/16");
  static final ServicePortName P = ServicePortName.of("ns1", "svc1", "p80", "TCP");
  static final ServicePort CIP = ServicePort.clusterIP(P, "172.30.0.41", 80);
  static final Endpoint E1 = Endpoint.ready("10.180.0.1", 80, NODE);
  static final Endpoint E2 = Endpoint.ready("10.180.0.2", 80, "node-b");
  static final Packet FROM_POD = new Packet("10.42.0.7", "172.30.0.41", "tcp", 80, NODE_IPS);
  static final Packet FROM_OUTSIDE = new Packet("192.168.50.9", "172.30.0.41", "tcp", 80, NODE_IPS);

  final IptablesRenderer r = new IptablesRenderer(new ChainNames());

  static ProxyState state(ServicePort port, Endpoint... eps) {
    return ProxyState.of(Map.of(port.name(), port), Map.of(port.name(), List.of(eps)));
  }

  Trace render(ProxyState s) {
    return render(s, CFG);
  }

  Trace render(ProxyState s, IptablesConfig cfg) {
    return Trace.parse(r.render(s, cfg, null, Set.of()).payload());
  }

  static Set<String> dests(List<Outcome> o) {
    return Set.copyOf(o.stream().map(Outcome::result).toList());
  }

  @Test void clusterIPLayoutAsUpstream() {
    String payload = r.render(state(CIP, E2, E1), CFG, null, Set.of()).payload();
    assertThat(payload).contains("""
        -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
        """);
    assertThat(payload).contains("""
        -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.42.0.0/16 -j KUBE-MARK-MASQ
        -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ
        -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -j KUBE-SEP-""");
    assertThat(payload).contains("""
        -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
        -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
        """);
    assertThat(payload).startsWith("*filter\n").contains("COMMIT\n*nat\n").endsWith("COMMIT\n");
    assertThat(payload).contains("""
        -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
        -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
        -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
        -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
        """);
    Trace t = Trace.parse(payload);
    List<List<String>> services = t.chain("nat", "KUBE-SERVICES");
    assertThat(services.get(services.size() - 1)).as("nodeports jump is last").containsSubsequence("--dst-type", "LOCAL", "-j", "KUBE-NODEPORTS");
  }

  @Test void chainsAreDeclaredBeforeRules() {
    String nat = r.render(state(CIP, E1, E2), CFG, null, Set.of()).payload().split("\\*nat\n")[1];
    int lastDecl = -1;
    int firstRule = Integer.MAX_VALUE;
    String[] lines = nat.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(":")) lastDecl = i;
      if (lines[i].startsWith("-A") && firstRule == Integer.MAX_VALUE) firstRule = i;
    }
    assertThat(lastDecl).isLessThan(firstRule);
  }

  @Test void clusterIPSpreadsOverReadyEndpointsAndMasqueradesOnlyOffCluster() {
    Endpoint notReady = new Endpoint("10.180.0.3", 80, false, false, false, NODE, "");
    Trace t = render(state(CIP, E1, E2, notReady));
    List<Outcome> pod = t.nat(FROM_POD);
    assertThat(dests(pod)).containsExactlyInAnyOrder("10.180.0.1:80", "10.180.0.2:80");
    assertThat(pod).noneMatch(Outcome::masq);
    assertThat(t.nat(FROM_OUTSIDE)).allMatch(Outcome::masq).hasSize(2);
    assertThat(t.nat(new Packet("10.42.0.7", "172.30.0.41", "tcp", 81, NODE_IPS))).isEmpty();
    assertThat(t.nat(new Packet("10.42.0.7", "172.30.0.41", "udp", 80, NODE_IPS))).isEmpty();
  }

  @Test void withoutClusterCidrNothingIsMasqueradedButMasqueradeAllDoes() {
    IptablesConfig none = IptablesConfig.of(NODE, List.of(NODE_IP), null);
    assertThat(render(state(CIP, E1), none).nat(FROM_OUTSIDE)).noneMatch(Outcome::masq);
    IptablesConfig all = new IptablesConfig(NODE, List.of(NODE_IP), null, 14, true, true);
    assertThat(render(state(CIP, E1), all).nat(FROM_POD)).allMatch(Outcome::masq);
  }

  @Test void hairpinIsMasqueraded() {
    Trace t = render(state(CIP, E1, E2), IptablesConfig.of(NODE, List.of(NODE_IP), "10.0.0.0/8"));
    List<Outcome> self = t.nat(new Packet("10.180.0.1", "172.30.0.41", "tcp", 80, NODE_IPS));
    assertThat(self).filteredOn(o -> o.result().equals("10.180.0.1:80")).allMatch(Outcome::masq);
    assertThat(self).filteredOn(o -> o.result().equals("10.180.0.2:80")).noneMatch(Outcome::masq);
  }

  @Test void probabilitiesGiveEachOfFiveEndpointsAFifth() {
    Endpoint[] eps = new Endpoint[5];
    for (int i = 0; i < 5; i++) eps[i] = Endpoint.ready("10.180.0." + (i + 1), 80, NODE);
    Trace t = render(state(CIP, eps));
    List<String> probs = t.chain("nat", new ChainNames().svc(P)).stream().map(x -> Trace.arg(x, "--probability")).toList();
    assertThat(probs).containsExactly(null, "0.2000000000", "0.2500000000", "0.3333333333", "0.5000000000", null);
    assertThat(dests(t.nat(FROM_POD))).hasSize(5);
  }

  @Test void noEndpointsIsRejectedInFilterAtOnce() {
    ServicePort np = CIP.withNodePort(30080);
    Trace t = render(ProxyState.of(Map.of(P, np), Map.of()));
    assertThat(t.nat(FROM_POD)).isEmpty();
    assertThat(t.filter(FROM_POD)).containsExactly("REJECT");
    assertThat(t.filter(new Packet("192.168.50.9", NODE_IP, "tcp", 30080, NODE_IPS))).containsExactly("REJECT");
    assertThat(t.tables.get("nat").keySet()).noneMatch(c -> c.startsWith("KUBE-SVC-") || c.startsWith("KUBE-EXT-"));
    String payload = r.render(ProxyState.of(Map.of(P, np), Map.of()), CFG, null, Set.of()).payload();
    assertThat(payload).contains("""
        -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT
        """).contains("""
        -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT
        """);
  }

  @Test void onlyTerminatingEndpointsAreUsedWhenNoneIsReady() {
    Endpoint term = new Endpoint("10.180.0.5", 80, false, true, true, NODE, "");
    Endpoint gone = new Endpoint("10.180.0.6", 80, false, false, true, NODE, "");
    assertThat(dests(render(state(CIP, term, gone)).nat(FROM_POD))).containsExactly("10.180.0.5:80");
    assertThat(dests(render(state(CIP, term, E2)).nat(FROM_POD))).containsExactly("10.180.0.2:80");
  }

  @Test void nodePortWithClusterPolicyMasqueradesAndSpreads() {
    Trace t = render(state(CIP.withNodePort(30080), E1, E2));
    for (String dst : List.of(NODE_IP, "127.0.0.1")) {
      List<Outcome> o = t.nat(new Packet("192.168.50.9", dst, "tcp", 30080, NODE_IPS));
      assertThat(dests(o)).as(dst).containsExactlyInAnyOrder("10.180.0.1:80", "10.180.0.2:80");
      assertThat(o).allMatch(Outcome::masq);
    }
    assertThat(t.nat(new Packet("192.168.50.9", "192.168.50.77", "tcp", 30080, NODE_IPS))).as("not a node address").isEmpty();
    IptablesConfig noLocalhost = new IptablesConfig(NODE, List.of(NODE_IP), "10.42.0.0/16", 14, false, false);
    assertThat(render(state(CIP.withNodePort(30080), E1), noLocalhost).nat(new Packet("127.0.0.1", "127.0.0.1", "tcp", 30080, NODE_IPS)))
        .isEmpty();
  }

  @Test void externalPolicyLocalPreservesTheSourceAndShortCircuits() {
    ServicePort local = CIP.withNodePort(30080).withPolicies(true, false, 0);
    Trace t = render(state(local, E1, E2));
    List<Outcome> external = t.nat(new Packet("192.168.99.9", NODE_IP, "tcp", 30080, NODE_IPS));
    assertThat(dests(external)).containsExactly("10.180.0.1:80");
    assertThat(external).noneMatch(Outcome::masq);
    List<Outcome> pod = t.nat(new Packet("10.42.0.7", NODE_IP, "tcp", 30080, NODE_IPS));
    assertThat(dests(pod)).as("pods reach every endpoint").containsExactlyInAnyOrder("10.180.0.1:80", "10.180.0.2:80");
    List<Outcome> node = t.nat(new Packet(NODE_IP, NODE_IP, "tcp", 30080, NODE_IPS));
    assertThat(dests(node)).containsExactlyInAnyOrder("10.180.0.1:80", "10.180.0.2:80");
    assertThat(node).allMatch(Outcome::masq);
    assertThat(dests(t.nat(FROM_POD))).as("ClusterIP keeps Cluster policy").hasSize(2);
  }

  @Test void externalPolicyLocalWithoutLocalEndpointsDropsExternalTraffic() {
    ServicePort local = CIP.withNodePort(30080).withPolicies(true, false, 0);
    Trace t = render(state(local, E2));
    Packet external = new Packet("192.168.99.9", NODE_IP, "tcp", 30080, NODE_IPS);
    assertThat(t.nat(external)).isEmpty();
    assertThat(t.filter(external)).containsExactly("DROP");
    assertThat(dests(t.nat(new Packet("10.42.0.7", NODE_IP, "tcp", 30080, NODE_IPS)))).containsExactly("10.180.0.2:80");
    assertThat(t.filter(FROM_POD)).isEmpty();
  }

  @Test void internalPolicyLocal() {
    ServicePort local = CIP.withPolicies(false, true, 0);
    assertThat(dests(render(state(local, E1, E2)).nat(FROM_POD))).containsExactly("10.180.0.1:80");
    Trace none = render(state(local, E2));
    assertThat(none.nat(FROM_POD)).isEmpty();
    assertThat(none.filter(FROM_POD)).containsExactly("DROP");
    assertThat(r.render(state(local, E2), CFG, null, Set.of()).payload()).contains("ns1/svc1:p80 has no local endpoints");
  }

  @Test void clientIPAffinityPinsAReturningClient() {
    ServicePort sticky = CIP.withAffinity(60);
    Trace t = render(state(sticky, E1, E2));
    String sep1 = new ChainNames().sep(P, E1);
    List<List<String>> svc = t.chain("nat", new ChainNames().svc(P));
    assertThat(svc.get(1)).containsSubsequence("-m", "recent", "--name", sep1, "--rcheck", "--seconds", "60", "--reap", "-j", sep1);
    assertThat(t.chain("nat", sep1).get(1)).containsSubsequence("-m", "recent", "--name", sep1, "--set", "-j", "DNAT");
    assertThat(dests(t.nat(FROM_POD))).hasSize(2);
    Packet returning = new Packet("10.42.0.7", "172.30.0.41", "tcp", 80, NODE_IPS, Set.of(sep1));
    assertThat(dests(t.nat(returning))).containsExactly("10.180.0.1:80");
  }

  @Test void externalIPsAndLoadBalancerIPs() {
    ServicePort lb = CIP.withNodePort(30080).withExternal(List.of("192.168.99.11"), List.of("1.2.3.4"), List.of());
    Trace t = render(state(lb, E1, E2));
    for (String dst : List.of("192.168.99.11", "1.2.3.4")) {
      List<Outcome> o = t.nat(new Packet("192.168.99.9", dst, "tcp", 80, NODE_IPS));
      assertThat(dests(o)).as(dst).hasSize(2);
      assertThat(o).allMatch(Outcome::masq);
    }
    Trace empty = render(ProxyState.of(Map.of(P, lb), Map.of()));
    assertThat(empty.filter(new Packet("192.168.99.9", "1.2.3.4", "tcp", 80, NODE_IPS))).containsExactly("REJECT");
    assertThat(empty.filter(new Packet("192.168.99.9", "192.168.99.11", "tcp", 80, NODE_IPS))).containsExactly("REJECT");
  }

  @Test void loadBalancerSourceRangesGoThroughTheFirewallChain() {
    ServicePort lb = CIP.withNodePort(30080).withExternal(List.of(), List.of("1.2.3.4"), List.of("203.0.113.0/25"));
    Trace t = render(state(lb, E1));
    assertThat(dests(t.nat(new Packet("203.0.113.5", "1.2.3.4", "tcp", 80, NODE_IPS)))).containsExactly("10.180.0.1:80");
    Packet denied = new Packet("198.51.100.1", "1.2.3.4", "tcp", 80, NODE_IPS);
    assertThat(t.nat(denied)).isEmpty();
    assertThat(t.filter(denied)).containsExactly("DROP");
    assertThat(t.tables.get("nat")).containsKey(new ChainNames().fw(P));
  }

  @Test void healthCheckNodePortIsAccepted() {
    ServicePort lb = CIP.withNodePort(30080).withExternal(List.of(), List.of("1.2.3.4"), List.of()).withPolicies(true, false, 32000);
    Trace t = render(state(lb, E1));
    assertThat(t.run("filter", "KUBE-NODEPORTS", new Packet("192.168.99.9", NODE_IP, "tcp", 32000, NODE_IPS)))
        .extracting(Outcome::result).contains("ACCEPT");
  }

  @Test void udpAndSctpUseTheirProtocol() {
    ServicePortName dns = ServicePortName.of("kube-system", "kube-dns", "dns", "UDP");
    ServicePort p = ServicePort.clusterIP(dns, "10.43.0.10", 53);
    Trace t = render(state(p, Endpoint.ready("10.42.0.3", 53, NODE)));
    assertThat(dests(t.nat(new Packet("10.42.0.7", "10.43.0.10", "udp", 53, NODE_IPS)))).containsExactly("10.42.0.3:53");
    assertThat(t.nat(new Packet("10.42.0.7", "10.43.0.10", "tcp", 53, NODE_IPS))).isEmpty();
    assertThat(t.tables.get("nat")).containsKey("KUBE-SVC-TCOU7JCQXEZGVUNU");
  }

  @Test void staleChainsAreDeletedOthersKept() {
    Set<String> existing = Set.of("KUBE-SVC-AAAAAAAAAAAAAAAA", "KUBE-SEP-BBBBBBBBBBBBBBBB", "KUBE-SERVICES", "CNI-FOO",
        new ChainNames().svc(P));
    IptablesRuleset rs = r.render(state(CIP, E1), CFG, null, existing);
    assertThat(rs.deletedChains()).containsExactlyInAnyOrder("KUBE-SEP-BBBBBBBBBBBBBBBB", "KUBE-SVC-AAAAAAAAAAAAAAAA");
    assertThat(rs.payload()).contains(":KUBE-SVC-AAAAAAAAAAAAAAAA - [0:0]\n").contains("-X KUBE-SVC-AAAAAAAAAAAAAAAA\n")
        .doesNotContain("-X CNI-FOO").doesNotContain("-X KUBE-SERVICES");
  }

  @Test void partialSyncWritesOnlyChangedServicesChains() {
    ServicePortName q = ServicePortName.of("ns2", "svc2", "p80", "TCP");
    ServicePort other = ServicePort.clusterIP(q, "172.30.0.42", 80);
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>(Map.of(P, CIP, q, other));
    ProxyState s = ProxyState.of(svcs, Map.of(P, List.of(E1), q, List.of(Endpoint.ready("10.180.1.1", 80, NODE))));
    IptablesRuleset partial = r.render(s, CFG, Set.of(q.service()), Set.of());
    ChainNames n = new ChainNames();
    assertThat(partial.payload()).doesNotContain(":" + n.svc(P)).contains(":" + n.svc(q))
        .as("top-level capture still written").contains("-j " + n.svc(P));
    assertThat(partial.activeChains()).contains(n.svc(P), n.sep(P, E1), n.svc(q));
    assertThat(partial.serviceNatRules()).containsOnlyKeys(q.service());
  }

  /** The memoised captures change nothing: every render equals a fresh renderer's for the same inputs. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12, 13, 14, 15})
  void memoisedCapturesRenderWhatAFreshRendererDoes(long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    ProxyState prev = IptablesProxierTest.randomState(rnd);
    IptablesRuleset last = r.render(prev, CFG, null, Set.of());
    for (int step = 0; step < 60; step++) {
      ProxyState next = IptablesProxierTest.randomState(rnd);
      // sometimes a change the caller did not name: captures then follow the state, not the names given
      Set<io.j8s.proxy.state.ServiceRef> changed = new java.util.HashSet<>(IptablesProxierTest.diff(prev, next));
      changed.removeIf(x -> rnd.nextInt(3) == 0);
      boolean full = rnd.nextInt(10) == 0;
      IptablesRuleset got = r.render(next, CFG, full ? null : changed, last.activeChains());
      IptablesRuleset want = new IptablesRenderer(new ChainNames()).render(next, CFG, full ? null : changed, last.activeChains());
      assertThat(got).as("seed %d step %d", seed, step).isEqualTo(want);
      prev = next;
      last = got;
    }
  }
}
