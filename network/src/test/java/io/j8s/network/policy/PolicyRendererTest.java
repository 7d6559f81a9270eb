package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.compile;
import static io.j8s.network.policy.Fixture.ip;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered table as a value: sets, verdict maps and chain rules. */
class PolicyRendererTest {
  static PolicyTable render(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy... ps) {
    return PolicyRenderer.render(compile("n1", ps).values());
  }

  static String set(String elements) { return "peers-" + PolicyRenderer.hash(elements); }

  @Test void noPolicyNoEntries() {
    PolicyTable t = render();
    assertThat(t.ingressPods()).isEmpty();
    assertThat(t.egressPods()).isEmpty();
    assertThat(t.chains()).isEmpty();
    assertThat(t.script()).contains("add chain inet j8s-netpol forward { type filter hook forward priority 0 ; policy accept ; }")
        .contains("add rule inet j8s-netpol forward ct state established,related accept")
        .contains("add rule inet j8s-netpol input ip saddr vmap @egress-pods");
  }

  @Test void defaultDenySharesOneDropChain() {
    PolicyTable t = render(policy("a", "deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]"));
    String in = t.ingressPods().get(ip(10));
    assertThat(t.ingressPods()).containsOnly(Map.entry(ip(10), in), Map.entry(ip(11), in));
    assertThat(t.chains().get(in)).containsExactly("drop");
    assertThat(t.egressPods().keySet()).containsExactly(ip(10), ip(11));
    assertThat(t.chains()).hasSize(2);
  }

  @Test void peersBecomeAnIntervalSetAndPortsPerProtocol() {
    PolicyTable t = render(policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from: [{namespaceSelector: {matchLabels: {team: b}}}, {ipBlock: {cidr: 10.88.162.0/24, except: [10.88.162.0/25]}}]
          ports: [{port: 80}, {port: 8000, endPort: 8080}, {protocol: UDP}, {protocol: SCTP, port: 9000}]"""));
    String peers = set("10.88.160.20/31,10.88.162.128/25");
    assertThat(t.sets()).containsExactly(Map.entry(peers, List.of("10.88.160.20/31", "10.88.162.128/25")));
    assertThat(t.chains().get(t.ingressPods().get(ip(10)))).containsExactly(
        "ip saddr @" + peers + " meta l4proto sctp th dport 9000 accept",
        "ip saddr @" + peers + " meta l4proto tcp th dport { 80, 8000-8080 } accept",
        "ip saddr @" + peers + " meta l4proto udp accept",
        "drop");
    assertThat(t.ingressPods()).containsOnlyKeys(ip(10));
  }

  @Test void egressReturnsSoTheDestinationsIngressIsStillChecked() {
    PolicyTable t = render(policy("a", "p", """
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: http}]}, {ports: [{port: 53, protocol: UDP}]}]"""));
    assertThat(t.chains().get(t.egressPods().get(ip(10)))).containsExactly(
        "ip daddr @" + set(ip(11)) + " meta l4proto tcp th dport 9090 return",
        "meta l4proto udp th dport 53 return",
        "drop");
    assertThat(t.ingressPods()).isEmpty();
  }

  @Test void allowAllRuleHasNoMatch() {
    PolicyTable t = render(policy("a", "p", "podSelector: {}\ningress: [{}]"));
    assertThat(t.chains().get(t.ingressPods().get(ip(11)))).containsExactly("accept", "drop");
  }

  @Test void namedPortsGiveEachPodItsOwnChain() {
    PolicyTable t = render(policy("a", "p", "podSelector: {}\ningress: [{ports: [{port: http}]}]"));
    assertThat(t.chains().get(t.ingressPods().get(ip(10)))).containsExactly("meta l4proto tcp th dport 8080 accept", "drop");
    assertThat(t.chains().get(t.ingressPods().get(ip(11)))).containsExactly("meta l4proto tcp th dport 9090 accept", "drop");
  }

  @Test void aThousandPoliciesOnOnePortAreOneRule() {
    var ps = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy[1000];
    for (int i = 0; i < 1000; i++) {
      ps[i] = policy("a", "p" + i, "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{ipBlock: {cidr: 172.16." + (i / 200) + "."
          + (i % 200) + "/32}}], ports: [{port: 80}]}]");
    }
    PolicyTable t = render(ps);
    assertThat(t.chains().get(t.ingressPods().get(ip(10)))).hasSize(2);
    assertThat(t.sets().values().iterator().next()).hasSize(5).contains("172.16.0.0-172.16.0.199");
  }

  @Test void aUserspaceRelayIsAdmittedOnlyWhenAsked() {
    PolicyTable without = render(policy("a", "deny", "podSelector: {}"));
    assertThat(without.base("input")).containsExactly("ct state established,related accept", "ip saddr vmap @egress-pods");
    assertThat(without.script()).doesNotContain(PolicyTable.RELAY_NODES).doesNotContain("dscp").doesNotContain("meta mark");
    PolicyTable with = PolicyRenderer.render(compile("n1", policy("a", "deny", "podSelector: {}")).values(),
        new ServicePath.Relay(List.of("10.88.168.3", "10.88.161.0", "10.88.168.2", "10.88.168.3")));
    assertThat(((ServicePath.Relay) with.path()).nodes()).containsExactly("10.88.161.0", "10.88.168.2", "10.88.168.3");
    assertThat(with.base("input")).containsExactly("ct state established,related accept", "meta mark & 0x2000 == 0x2000 accept",
        "ip saddr vmap @egress-pods");
    assertThat(with.base("forward")).containsExactly("ct state established,related accept",
        "ip saddr @relay-nodes ip dscp 0xb accept", "ip saddr vmap @egress-pods", "ip daddr vmap @ingress-pods");
    assertThat(with.script()).contains("add set inet j8s-netpol relay-nodes { type ipv4_addr ; }")
        .contains("add element inet j8s-netpol relay-nodes { 10.88.161.0, 10.88.168.2, 10.88.168.3 }");
    assertThat(with.chains()).isEqualTo(without.chains());
  }

  @Test void ipvsIsJudgedAtOutputOnceItPickedTheEndpoint() {
    PolicyTable t = PolicyRenderer.render(compile("n1", policy("a", "deny", "podSelector: {}")).values(),
        new ServicePath.Ipvs(List.of("10.43.0.0/16")));
    assertThat(t.hooks()).containsExactly("forward", "input", "output");
    assertThat(t.base("input")).containsExactly("ct state established,related accept", "ip daddr @ipvs-services accept",
        "ip saddr vmap @egress-pods");
    assertThat(t.base("output")).containsExactly("ct state established,related accept", "ip saddr != @local-pods accept",
        "ip saddr vmap @egress-pods", "ip daddr vmap @ingress-pods");
    assertThat(t.localPods()).containsExactly(ip(10), ip(11), ip(21));
    assertThat(t.script()).contains("add chain inet j8s-netpol output { type filter hook output priority 0 ; policy accept ; }")
        .contains("add element inet j8s-netpol ipvs-services { 10.43.0.0/16 }")
        .contains("add element inet j8s-netpol local-pods { " + ip(10) + ", " + ip(11) + ", " + ip(21) + " }");
    assertThat(render(policy("a", "deny", "podSelector: {}")).script()).doesNotContain("hook output").doesNotContain("local-pods");
  }
}
