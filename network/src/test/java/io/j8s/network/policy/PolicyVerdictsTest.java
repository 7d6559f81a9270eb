package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.NAMESPACES;
import static io.j8s.network.policy.Fixture.PODS;
import static io.j8s.network.policy.Fixture.ip;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** A relay's verdicts (both ends of a connection judged at once) from a cluster-wide compile of {@link Fixture}'s pods. */
class PolicyVerdictsTest {
  static PolicyVerdicts verdicts(NetworkPolicy... ps) {
    return new PolicyVerdicts(PolicyCompiler.compileAll(List.of(ps), PODS, NAMESPACES).values());
  }

  @Test void withoutPoliciesEveryConnectionIsAllowed() {
    PolicyVerdicts v = verdicts();
    assertThat(v.allows(ip(20), ip(10), "tcp", 8080)).isTrue();
    assertThat(v.allows("192.0.2.1", ip(10), "udp", 53)).isTrue();
    assertThat(PolicyVerdicts.OPEN.allows(ip(20), ip(10), "tcp", 1)).isTrue();
  }

  @Test void theServersIngressJudgesTheClientAndThePortOnAnyNode() {
    PolicyVerdicts v = verdicts(policy("a", "web", """
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: client}}}], ports: [{port: http}]}]"""));
    assertThat(v.allows(ip(20), ip(10), "tcp", 8080)).as("b/client on n2 to web's named port").isTrue();
    assertThat(v.allows(ip(20), ip(10), "tcp", 80)).as("another port").isFalse();
    assertThat(v.allows(ip(20), ip(10), "udp", 8080)).as("another protocol").isFalse();
    assertThat(v.allows(ip(21), ip(10), "tcp", 8080)).as("b/other").isFalse();
    assertThat(v.allows(ip(30), ip(10), "tcp", 8080)).as("c/client").isFalse();
    assertThat(v.allows("10.0.0.1", ip(10), "tcp", 8080)).as("a node or host: no pod, no match").isFalse();
    assertThat(v.allows(ip(20), ip(11), "tcp", 9090)).as("db is not selected").isTrue();
  }

  @Test void theClientsEgressJudgesTheServerAndItsPort() {
    PolicyVerdicts v = verdicts(policy("b", "out", """
        podSelector: {matchLabels: {app: client}}
        policyTypes: [Egress]
        egress:
        - to: [{podSelector: {matchLabels: {app: db}}, namespaceSelector: {matchLabels: {team: a}}}]
          ports: [{port: http}]
        - to: [{ipBlock: {cidr: 10.88.160.0/28, except: [10.88.160.8/30]}}]
          ports: [{port: 53, protocol: UDP}]"""));
    assertThat(v.allows(ip(20), ip(11), "tcp", 9090)).as("http named on db is 9090").isTrue();
    assertThat(v.allows(ip(20), ip(11), "tcp", 8080)).isFalse();
    assertThat(v.allows(ip(20), ip(10), "tcp", 8080)).as("web is not db").isFalse();
    assertThat(v.allows(ip(20), ip(10), "udp", 53)).as("web .10 is excepted from the block").isFalse();
    assertThat(v.allows(ip(20), ip(12), "udp", 53)).as(".12 is in the block").isTrue();
    assertThat(v.allows(ip(21), ip(10), "tcp", 8080)).as("b/other is not selected").isTrue();
    assertThat(v.allows("10.0.0.1", ip(20), "tcp", 1)).as("ingress of b/client is not isolated").isTrue();
  }

  @Test void bothEndsMustAllow() {
    NetworkPolicy egress = policy("b", "out", "podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: 8080}]}]");
    NetworkPolicy ingress = policy("a", "in", "podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}}]}]");
    PolicyVerdicts v = verdicts(egress, ingress);
    assertThat(v.allows(ip(20), ip(10), "tcp", 8080)).isTrue();
    assertThat(v.allows(ip(20), ip(10), "tcp", 80)).as("egress refuses the port").isFalse();
    assertThat(v.allows("192.0.2.1", ip(10), "tcp", 8080)).as("ingress refuses a non-pod").isFalse();
    assertThat(verdicts(egress, policy("a", "deny", "podSelector: {}")).allows(ip(20), ip(10), "tcp", 8080)).isFalse();
  }

  @Test void anAddressTwoPodsClaimMustBeAllowedForBoth() {
    PodPolicy open = new PodPolicy("a", "old", ip(50), Optional.empty(), Optional.empty());
    PodPolicy closed = new PodPolicy("a", "new", ip(50), Optional.of(Allowed.NOTHING), Optional.empty());
    assertThat(new PolicyVerdicts(List.of(open, closed)).allows(ip(20), ip(50), "tcp", 80)).isFalse();
    assertThat(new PolicyVerdicts(List.of(open)).allows(ip(20), ip(50), "tcp", 80)).isTrue();
  }

  /** Seeded: the verdict for every pair and port agrees with the per-node compile each end's own node would enforce. */
  @Test void agreesWithEachNodesOwnCompile() {
    Random rnd = new Random(7);
    List<String> specs = List.of("podSelector: {}", "podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: http}]}]",
        "podSelector: {}\npolicyTypes: [Egress]\negress: [{to: [{namespaceSelector: {matchLabels: {team: a}}}]}]",
        "podSelector: {matchLabels: {app: client}}\ningress: [{from: [{podSelector: {}}], ports: [{port: 80}, {port: 53, protocol: UDP}]}]",
        "podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: 9000, endPort: 9100}]}]");
    for (int round = 0; round < 40; round++) {
      List<NetworkPolicy> ps = new java.util.ArrayList<>();
      for (String ns : List.of("a", "b", "c")) if (rnd.nextInt(3) == 0) ps.add(policy(ns, "p" + round, specs.get(rnd.nextInt(specs.size()))));
      PolicyVerdicts v = new PolicyVerdicts(PolicyCompiler.compileAll(ps, PODS, NAMESPACES).values());
      Map<String, PodPolicy> local = new java.util.HashMap<>();
      SortedMap<String, PodPolicy> all = PolicyCompiler.compileAll(ps, PODS, NAMESPACES);
      for (String n : List.of("n1", "n2")) {
        SortedMap<String, PodPolicy> c = PolicyCompiler.compile(ps, PODS, NAMESPACES, n);
        assertThat(PolicyCompiler.onNode(all, PODS, n)).as("round %d: %s's pods out of the cluster-wide compile", round, n).isEqualTo(c);
        c.values().forEach(p -> local.put(p.ip(), p));
      }
      for (PolicyPod a : PODS) {
        for (PolicyPod b : PODS) {
          for (int port : List.of(53, 80, 8080, 9050, 9090)) {
            for (String proto : List.of("tcp", "udp")) {
              PodPolicy from = local.get(a.ip());
              PodPolicy to = local.get(b.ip());
              boolean expected = (from.egress().isEmpty() || from.egress().get().permits(b.ip(), proto, port))
                  && (to.ingress().isEmpty() || to.ingress().get().permits(a.ip(), proto, port));
              assertThat(v.allows(a.ip(), b.ip(), proto, port)).as("round %d %s -> %s %s/%d", round, a.key(), b.key(), proto, port)
                  .isEqualTo(expected);
            }
          }
        }
      }
    }
  }
}
