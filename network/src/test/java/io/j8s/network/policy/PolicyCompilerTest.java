package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.compile;
import static io.j8s.network.policy.Fixture.ips;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.network.policy.Allowed.PortSet;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The compiler against the NetworkPolicy semantics, one rule kind at a time (see {@link Fixture}). */
class PolicyCompilerTest {
  static final PortSet ANY = PortSet.ANY;

  static Allowed allowed(Object... portsThenPeers) {
    SortedMap<PortSet, IpRanges> m = new TreeMap<>();
    for (int i = 0; i < portsThenPeers.length; i += 2) m.put((PortSet) portsThenPeers[i], (IpRanges) portsThenPeers[i + 1]);
    return new Allowed(m);
  }

  static PortSet tcp(int... ports) {
    return new PortSet(java.util.Arrays.stream(ports).mapToObj(p -> PortRange.of("TCP", p)).toList());
  }

  @Test void onlyThisNodesPodsAndUnselectedPodsAllowEverything() {
    SortedMap<String, PodPolicy> r = compile("n1");
    assertThat(r).containsOnlyKeys("a/db", "a/web", "b/other");
    assertThat(r.values()).allMatch(p -> p.ingress().isEmpty() && p.egress().isEmpty());
  }

  @Test void emptyPodSelectorWithNoRulesDeniesAllIngressOfTheNamespaceOnly() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "deny", "podSelector: {}"));
    assertThat(r.get("a/web").ingress()).contains(Allowed.NOTHING);
    assertThat(r.get("a/db").ingress()).contains(Allowed.NOTHING);
    assertThat(r.get("a/web").egress()).as("policyTypes defaults to Ingress alone without egress rules").isEmpty();
    assertThat(r.get("b/other").ingress()).isEmpty();
  }

  @Test void defaultDenyEgress() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "deny-egress", "podSelector: {}\npolicyTypes: [Egress]"));
    assertThat(r.get("a/web").egress()).contains(Allowed.NOTHING);
    assertThat(r.get("a/web").ingress()).as("Egress alone leaves ingress open").isEmpty();
  }

  @Test void policyTypesDefaultAddsEgressWhenThereAreEgressRules() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(Allowed.NOTHING);
    assertThat(r.get("a/web").egress()).contains(allowed(ANY, ips(11)));
    assertThat(r.get("a/db").ingress()).as("not selected").isEmpty();
  }

  @Test void podSelectorPeerMeansThePolicysNamespaceOnly() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(12)));
  }

  /** The compiler evaluates a repeated rule once: the same rule text in two namespaces still means each one's own pods. */
  @Test void theSameRuleInTwoNamespacesMeansEachOnesPods() {
    String rules = """
        podSelector: {}
        policyTypes: [Ingress, Egress]
        ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
        egress: [{to: [{podSelector: {matchLabels: {app: client}}}]}]""";
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", rules), policy("b", "p", rules));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(12)));
    assertThat(r.get("a/web").egress()).contains(allowed(ANY, ips(12)));
    assertThat(r.get("b/other").ingress()).contains(allowed(ANY, ips(20)));
    assertThat(r.get("b/other").egress()).contains(allowed(ANY, ips(20)));
  }

  @Test void emptyPodSelectorPeerIsEveryPodOfTheNamespace() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{podSelector: {}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(10, 11, 12)));
  }

  @Test void namespaceSelectorAloneIsEveryPodOfThoseNamespaces() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(20, 21)));
    SortedMap<String, PodPolicy> all = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {}}]}]"""));
    assertThat(all.get("a/web").ingress()).contains(allowed(ANY, ips(10, 11, 12, 20, 21, 30)));
  }

  @Test void namespaceSelectorByTheAutomaticNameLabel() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: c}}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(30)));
  }

  @Test void namespaceAndPodSelectorInOnePeerIsAnAndInTwoPeersAnOr() {
    SortedMap<String, PodPolicy> and = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from:
          - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [b, c]}]}
            podSelector: {matchLabels: {app: client}}"""));
    assertThat(and.get("a/web").ingress()).contains(allowed(ANY, ips(20, 30)));
    SortedMap<String, PodPolicy> or = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from:
          - namespaceSelector: {matchLabels: {team: b}}
          - podSelector: {matchLabels: {app: client}}"""));
    assertThat(or.get("a/web").ingress()).contains(allowed(ANY, ips(12, 20, 21)));
  }

  @Test void ipBlockLessItsExcepts() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{ipBlock: {cidr: 10.88.161.0/24, except: [10.88.161.128/25, 10.88.161.8/30]}}]}]"""));
    IpRanges peers = r.get("a/web").ingress().orElseThrow().byPorts().get(ANY);
    assertThat(peers.elements()).containsExactly("10.88.161.0/29", "10.88.161.12-10.88.161.127");
    assertThat(peers.contains("10.88.161.9")).isFalse();
    assertThat(peers.contains("10.88.161.200")).isFalse();
  }

  @Test void portsProtocolsRangesAndAllPortsOfAProtocol() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress:
        - ports:
          - {port: 80}
          - {protocol: UDP, port: 53}
          - {protocol: SCTP, port: 9000}
          - {port: 8000, endPort: 8080}
          - {protocol: UDP}"""));
    PortSet expected = new PortSet(java.util.List.of(PortRange.of("tcp", 80), new PortRange("tcp", 8000, 8080), PortRange.of("udp", 53),
        PortRange.all("udp"), PortRange.of("sctp", 9000)));
    assertThat(r.get("a/web").ingress()).contains(allowed(expected, IpRanges.ALL));
  }

  @Test void namedPortResolvesOnEachTargetPod() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {}
        ingress: [{ports: [{port: http}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(tcp(8080), IpRanges.ALL));
    assertThat(r.get("a/db").ingress()).contains(allowed(tcp(9090), IpRanges.ALL));
  }

  @Test void namedPortMissingOrOfAnotherProtocolAllowsNothingNotEverything() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {}
        ingress: [{ports: [{port: dns}]}]"""));
    assertThat(r.get("a/db").ingress()).as("db has no port named dns").contains(Allowed.NOTHING);
    assertThat(r.get("a/web").ingress()).as("web's dns is UDP, the rule asks TCP").contains(Allowed.NOTHING);
    SortedMap<String, PodPolicy> udp = compile("n1", policy("a", "p", """
        podSelector: {}
        ingress: [{ports: [{port: dns, protocol: UDP}]}]"""));
    assertThat(udp.get("a/web").ingress()).contains(allowed(PortSet.of(PortRange.of("udp", 53)), IpRanges.ALL));
  }

  @Test void egressNamedPortResolvesOnEachDestinationPod() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("b", "p", """
        podSelector: {matchLabels: {app: other}}
        policyTypes: [Egress]
        egress:
        - to: [{namespaceSelector: {matchLabels: {team: a}}}]
          ports: [{port: http}, {port: 443}]"""));
    assertThat(r.get("b/other").egress()).contains(allowed(tcp(443), ips(10, 11, 12), tcp(8080), ips(10), tcp(9090), ips(11)));
  }

  @Test void rulesAndPoliciesAreUnionedPerPortList() {
    SortedMap<String, PodPolicy> r = compile("n1",
        policy("a", "p1", """
            podSelector: {matchLabels: {app: web}}
            ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: 80}]}]"""),
        policy("a", "p2", """
            podSelector: {}
            ingress:
            - {from: [{namespaceSelector: {matchLabels: {team: c}}}], ports: [{port: 80}]}
            - {from: [{podSelector: {matchLabels: {app: client}}}]}"""));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, ips(12), tcp(80), ips(20, 21, 30)));
    assertThat(r.get("a/db").ingress()).contains(allowed(ANY, ips(12), tcp(80), ips(30)));
  }

  @Test void emptyRuleAllowsEverythingAndEmptyListNothing() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", "podSelector: {}\ningress: [{}]\negress: []\npolicyTypes: [Ingress, Egress]"));
    assertThat(r.get("a/web").ingress()).contains(allowed(ANY, IpRanges.ALL));
    assertThat(r.get("a/web").egress()).contains(Allowed.NOTHING);
  }

  @Test void unparsableSelectorSelectsNothing() {
    SortedMap<String, PodPolicy> r = compile("n1", policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{podSelector: {matchExpressions: [{key: app, operator: Bogus}]}}]}]"""));
    assertThat(r.get("a/web").ingress()).contains(Allowed.NOTHING);
  }

  @Test void peersFromSelectorsFollowPodsAndNamespaces() {
    var p = policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}}]}]""");
    var pods = new java.util.ArrayList<>(Fixture.PODS);
    pods.add(Fixture.pod("c", "late", 31, "n2", Map.of()));
    SortedMap<String, PodPolicy> before = PolicyCompiler.compile(java.util.List.of(p), pods, Fixture.NAMESPACES, "n1");
    assertThat(before.get("a/web").ingress()).contains(Allowed.NOTHING);
    SortedMap<String, PodPolicy> after = PolicyCompiler.compile(java.util.List.of(p), pods,
        Map.of("a", Map.of(), "c", Map.of("env", "prod")), "n1");
    assertThat(after.get("a/web").ingress()).contains(allowed(ANY, ips(30, 31)));
    assertThat(after.get("a/web").ingress().orElseThrow().covers(before.get("a/web").ingress().orElseThrow())).isTrue();
    assertThat(Optional.of(Allowed.NOTHING).get().covers(after.get("a/web").ingress().orElseThrow())).isFalse();
  }
}
