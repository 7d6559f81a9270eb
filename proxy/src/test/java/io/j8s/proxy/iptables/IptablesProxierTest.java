package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.RecordingIptables;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IptablesProxierTest {
  static final IptablesConfig CFG = IptablesConfig.of("node-a", List.of("192.168.50.2"), "10.42.0.0/16");

  /** Each table as chain -> rules, the order of chains aside. */
  static Map<String, List<String>> tables(RecordingIptables ipt) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Table t : List.of(Table.FILTER, Table.NAT)) {
      for (String c : ipt.chains(t)) out.put(t.id() + "/" + c, ipt.rules(t, c));
    }
    return out;
  }

  static Set<ServiceRef> diff(ProxyState a, ProxyState b) {
    Set<ServiceRef> out = new HashSet<>();
    Set<ServicePortName> names = new HashSet<>(a.services().keySet());
    names.addAll(b.services().keySet());
    names.addAll(a.endpoints().keySet());
    names.addAll(b.endpoints().keySet());
    for (ServicePortName n : names) {
      if (!Objects.equals(a.services().get(n), b.services().get(n)) || !a.endpointsOf(n).equals(b.endpointsOf(n))) {
        out.add(n.service());
      }
    }
    return out;
  }

  static ProxyState randomState(Random r) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      if (r.nextInt(4) == 0) continue;
      ServicePortName n = ServicePortName.of("ns", "s" + i, "p", i % 3 == 0 ? "UDP" : "TCP");
      ServicePort p = ServicePort.clusterIP(n, "10.43.0." + (i + 1), 80);
      if (r.nextBoolean()) p = p.withNodePort(30000 + i);
      if (r.nextInt(3) == 0) p = p.withAffinity(100);
      if (r.nextInt(3) == 0 && p.nodePort() > 0) p = p.withPolicies(true, false, 0);
      if (r.nextInt(5) == 0) p = p.withPolicies(p.externalPolicyLocal(), true, 0);
      svcs.put(n, p);
      int k = r.nextInt(4);
      List<Endpoint> list = new java.util.ArrayList<>();
      for (int j = 0; j < k; j++) {
        list.add(new Endpoint("10.42." + r.nextInt(3) + "." + (1 + r.nextInt(5)), 8080, r.nextInt(5) != 0, true, false,
            r.nextBoolean() ? "node-a" : "node-b", ""));
      }
      eps.put(n, list.stream().distinct().toList());
    }
    return ProxyState.of(svcs, eps);
  }

  @Test void firstSyncInstallsJumpsAndRules() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    ProxyState s = IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E1);
    Map<String, Long> counts = p.sync(s, Set.of(), true);
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).containsExactly("-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
    assertThat(ipt.rules(Table.NAT, "OUTPUT")).containsExactly("-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
    assertThat(ipt.rules(Table.NAT, "POSTROUTING")).containsExactly("-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING");
    assertThat(ipt.rules(Table.FILTER, "FORWARD")).contains(
        "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
        "-m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD");
    assertThat(ipt.restores()).hasSize(1);
    assertThat(counts.get("nat")).isEqualTo(p.last().natRules());
    p.sync(s, Set.of(), true);
    assertThat(ipt.rules(Table.NAT, "PREROUTING")).as("jumps are idempotent").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void partialSyncsLeaveTheSameTablesAsAFullSync(long seed) throws Exception {
    Random r = new Random(seed);
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    ProxyState prev = randomState(r);
    p.sync(prev, Set.of(), true);
    for (int step = 0; step < 40; step++) {
      ProxyState next = randomState(r);
      Map<String, Long> counts = p.sync(next, diff(prev, next), false);
      RecordingIptables fresh = new RecordingIptables();
      IptablesProxier full = new IptablesProxier(fresh, CFG, null);
      Map<String, Long> fullCounts = full.sync(next, Set.of(), true);
      assertThat(tables(ipt)).as("seed %d step %d", seed, step).isEqualTo(tables(fresh));
      assertThat(counts).as("seed %d step %d: rule counts", seed, step).isEqualTo(fullCounts);
      prev = next;
    }
  }

  @Test void aFullSyncDeletesLeftoverServiceChainsFromAnEarlierRun() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    ipt.restore("*nat\n:KUBE-SVC-AAAAAAAAAAAAAAAA - [0:0]\n:CNI-MINE - [0:0]\n-A CNI-MINE -j ACCEPT\nCOMMIT\n", true);
    new IptablesProxier(ipt, CFG, null).sync(ProxyState.EMPTY, Set.of(), true);
    assertThat(ipt.chains(Table.NAT)).doesNotContain("KUBE-SVC-AAAAAAAAAAAAAAAA").contains("CNI-MINE", "KUBE-SERVICES");
    assertThat(ipt.rules(Table.NAT, "CNI-MINE")).containsExactly("-j ACCEPT");
  }

  @Test void aFailedRestoreThrowsAndChangesNothing() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    p.sync(ProxyState.EMPTY, Set.of(), true);
    Map<String, List<String>> before = tables(ipt);
    ipt.failNextRestore("iptables-restore: boom");
    assertThatThrownBy(() -> p.sync(IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E1), Set.of(), true))
        .isInstanceOf(HostnetException.class);
    assertThat(tables(ipt)).isEqualTo(before);
  }

  @Test void cleanupRemovesEverythingItMade() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    ipt.restore("*nat\n:CNI-MINE - [0:0]\nCOMMIT\n", true);
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    p.sync(IptablesRendererTest.state(IptablesRendererTest.CIP.withNodePort(30080), IptablesRendererTest.E1), Set.of(), true);
    p.cleanup();
    assertThat(ipt.chains(Table.NAT)).containsExactly("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING", "CNI-MINE");
    assertThat(ipt.chains(Table.FILTER)).containsExactly("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING");
    for (String c : List.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING")) {
      assertThat(ipt.rules(Table.NAT, c)).isEmpty();
      assertThat(ipt.rules(Table.FILTER, c)).isEmpty();
    }
  }

  @Test void cleanupOnAHostWithoutOurChainsDoesNothing() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    new IptablesProxier(ipt, CFG, null).cleanup();
    assertThat(ipt.restores()).isEmpty();
  }

  static ProxyState many(int services, int generation) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    for (int i = 0; i < services; i++) {
      ServicePortName n = ServicePortName.of("ns", "s" + i, "p", "TCP");
      svcs.put(n, ServicePort.clusterIP(n, "10.43." + (i / 250) + "." + (i % 250 + 1), 80));
      List<Endpoint> list = new java.util.ArrayList<>();
      for (int e = 0; e < 10; e++) {
        list.add(Endpoint.ready("10.42." + i % 250 + "." + (e + 1 + (i == 0 && e == 0 ? 100 + generation : 0)), 8080, "node-b"));
      }
      eps.put(n, list);
    }
    return ProxyState.of(svcs, eps);
  }

  @Test void anEndpointChangeLeavesTheUnchangedTopLevelChainsOutOfThePayload() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    ServicePortName q = ServicePortName.of("ns2", "svc2", "p80", "TCP");
    ProxyState one = IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E1);
    p.sync(one, Set.of(), true);
    assertThat(p.lastPayload()).as("a full sync writes every chain").contains(":KUBE-SERVICES ", ":KUBE-POSTROUTING ");

    ProxyState moved = IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E2);
    p.sync(moved, Set.of(IptablesRendererTest.P.service()), false);
    assertThat(p.lastPayload()).doesNotContain("KUBE-SERVICES -", "KUBE-POSTROUTING -", "KUBE-MARK-MASQ -", "KUBE-FORWARD -")
        .contains(":" + new ChainNames().svc(IptablesRendererTest.P));
    assertThat(p.last().payload()).as("the rendered payload is still whole").contains(":KUBE-SERVICES ");

    Map<ServicePortName, ServicePort> two = new TreeMap<>(moved.services());
    two.put(q, ServicePort.clusterIP(q, "172.30.0.42", 80));
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>(moved.endpoints());
    eps.put(q, List.of(Endpoint.ready("10.180.1.1", 80, "node-a")));
    ProxyState added = ProxyState.of(two, eps);
    p.sync(added, Set.of(q.service()), false);
    assertThat(p.lastPayload()).as("a new Service's capture changes nat KUBE-SERVICES").contains(":KUBE-SERVICES ")
        .contains("-A KUBE-SERVICES -m comment --comment \"ns1/svc1:p80 cluster IP\"")
        .doesNotContain(":KUBE-POSTROUTING ");
    RecordingIptables fresh = new RecordingIptables();
    new IptablesProxier(fresh, CFG, null).sync(added, Set.of(), true);
    assertThat(tables(ipt)).isEqualTo(tables(fresh));
  }

  @Test void afterAFailedRestoreThePartialSyncWritesTheTopLevelChainsAgain() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    p.sync(IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E1), Set.of(), true);
    ipt.failNextRestore("iptables-restore: boom");
    ProxyState moved = IptablesRendererTest.state(IptablesRendererTest.CIP, IptablesRendererTest.E2);
    assertThatThrownBy(() -> p.sync(moved, Set.of(IptablesRendererTest.P.service()), false)).isInstanceOf(HostnetException.class);
    p.sync(moved, Set.of(IptablesRendererTest.P.service()), false);
    assertThat(p.lastPayload()).contains(":KUBE-SERVICES ", ":KUBE-POSTROUTING ");
  }

  @Test void aLargePayloadStartsTheNatTableWithATableWideCommand() throws Exception {
    RecordingIptables ipt = new RecordingIptables();
    IptablesProxier p = new IptablesProxier(ipt, CFG, null);
    p.sync(many(100, 0), Set.of(), true);
    assertThat(p.lastPayload()).contains("COMMIT\n*nat\n-Z\n:KUBE-NODEPORTS ").startsWith("*filter\n:");
    p.sync(many(100, 1), Set.of(new ServiceRef("ns", "s0")), false);
    assertThat(p.lastPayload()).as("one Service's chains are few").doesNotContain("\n-Z\n");
    p.cleanup();
    assertThat(ipt.restores().getLast()).as("cleanup deletes 1,000+ chains").contains("*nat\n-Z\n");
    p.sync(many(100, 0), Set.of(), true);
    p.sync(many(5, 0), Set.of(), true);
    assertThat(p.lastPayload()).as("deleting ~1,000 stale chains declares them all").contains("*nat\n-Z\n");
    p.sync(many(5, 0), Set.of(), true);
    assertThat(p.lastPayload()).doesNotContain("\n-Z\n");
    RecordingIptables fresh = new RecordingIptables();
    new IptablesProxier(fresh, CFG, null).sync(many(5, 0), Set.of(), true);
    assertThat(tables(ipt)).isEqualTo(tables(fresh));
  }
}
