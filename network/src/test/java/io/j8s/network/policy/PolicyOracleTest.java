package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.NAMESPACES;
import static io.j8s.network.policy.Fixture.PODS;
import static io.j8s.network.policy.Fixture.ip;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.j8s.api.net.Ipv4;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded: the compiler against a plain reading of networking.k8s.io/v1 that judges one packet at a
 * time, straight from the policy objects (no grouping, no memo, no interval sets). Random policies
 * from every part the API has: pod, namespace and combined selectors, ipBlocks with excepts,
 * numbered, named and ranged ports over TCP and UDP, each policyTypes form, rules with no peers or no
 * ports, several policies selecting one pod; every pod pair and two outside addresses, both directions.
 */
class PolicyOracleTest {
  static final List<String> SELECTORS = List.of("{}", "{matchLabels: {app: web}}", "{matchLabels: {app: client}}",
      "{matchExpressions: [{key: app, operator: In, values: [web, db]}]}", "{matchExpressions: [{key: app, operator: NotIn, values: [client]}]}");
  static final List<String> NS_SELECTORS = List.of("{}", "{matchLabels: {team: a}}", "{matchLabels: {team: b}}",
      "{matchLabels: {kubernetes.io/metadata.name: c}}");
  static final List<String> PORTS = List.of("{port: 80}", "{port: 53, protocol: UDP}", "{port: http}", "{port: dns, protocol: UDP}",
      "{port: 8000, endPort: 9000}", "{protocol: UDP}", "{port: \"9090\"}", "{port: http, protocol: UDP}");
  static final List<String> ADDRESSES = List.of(ip(5), "172.16.0.1");

  @Test void compiledPoliciesJudgeEveryPacketAsTheSpecReadPlainly() {
    Random rnd = new Random(23);
    int refused = 0;
    int allowed = 0;
    for (int round = 0; round < 300; round++) {
      List<NetworkPolicy> ps = new ArrayList<>();
      for (int i = rnd.nextInt(4); i >= 0; i--) ps.add(policy(List.of("a", "b", "c").get(rnd.nextInt(3)), "p" + i, spec(rnd)));
      Map<String, PodPolicy> compiled = new HashMap<>();
      for (String node : List.of("n1", "n2")) {
        SortedMap<String, PodPolicy> c = PolicyCompiler.compile(ps, PODS, NAMESPACES, node);
        c.values().forEach(p -> compiled.put(p.ip(), p));
      }
      List<String> addresses = new ArrayList<>(ADDRESSES);
      PODS.forEach(p -> addresses.add(p.ip()));
      for (PolicyPod pod : PODS) {
        PodPolicy mine = compiled.get(pod.ip());
        for (String peer : addresses) {
          for (int port : List.of(53, 80, 8080, 8500, 9090, 9500)) {
            for (String proto : List.of("TCP", "UDP")) {
              String what = "round " + round + ": " + pod.key() + " " + proto + "/" + port + " with " + peer + " under " + ps.stream()
                  .map(p -> p.getMetadata().getNamespace() + ": " + Fixture.JSON.asJson(p.getSpec())).toList();
              boolean in = judge(ps, pod, true, peer, proto, port);
              boolean out = judge(ps, pod, false, peer, proto, port);
              assertThat(mine.ingress().map(a -> a.permits(peer, proto.toLowerCase(), port)).orElse(true)).as("ingress, " + what).isEqualTo(in);
              assertThat(mine.egress().map(a -> a.permits(peer, proto.toLowerCase(), port)).orElse(true)).as("egress, " + what).isEqualTo(out);
              if (in) allowed++;
              else refused++;
            }
          }
        }
      }
    }
    assertThat(refused).as("the seed reaches refusals").isGreaterThan(5_000);
    assertThat(allowed).as("and allowances").isGreaterThan(5_000);
  }

  static String spec(Random rnd) {
    StringBuilder s = new StringBuilder("podSelector: " + pick(rnd, SELECTORS) + "\n");
    switch (rnd.nextInt(4)) {
      case 0 -> { }
      case 1 -> s.append("policyTypes: [Ingress]\n");
      case 2 -> s.append("policyTypes: [Egress]\n");
      default -> s.append("policyTypes: [Ingress, Egress]\n");
    }
    for (String dir : List.of("ingress", "egress")) {
      int rules = rnd.nextInt(4) - 1; // -1: absent
      if (rules < 0) continue;
      s.append(dir).append(": [");
      for (int r = 0; r < rules; r++) {
        List<String> parts = new ArrayList<>();
        if (rnd.nextInt(3) > 0) {
          List<String> peers = new ArrayList<>();
          for (int p = rnd.nextInt(2); p >= 0; p--) peers.add(peer(rnd));
          parts.add((dir.equals("ingress") ? "from" : "to") + ": [" + String.join(", ", peers) + "]");
        }
        if (rnd.nextInt(3) > 0) {
          List<String> ports = new ArrayList<>();
          for (int p = rnd.nextInt(2); p >= 0; p--) ports.add(pick(rnd, PORTS));
          parts.add("ports: [" + String.join(", ", ports) + "]");
        }
        s.append(r > 0 ? ", " : "").append("{").append(String.join(", ", parts)).append("}");
      }
      s.append("]\n");
    }
    return s.toString();
  }

  static String peer(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> "{podSelector: " + pick(rnd, SELECTORS) + "}";
      case 1 -> "{namespaceSelector: " + pick(rnd, NS_SELECTORS) + "}";
      case 2 -> "{podSelector: " + pick(rnd, SELECTORS) + ", namespaceSelector: " + pick(rnd, NS_SELECTORS) + "}";
      default -> rnd.nextBoolean() ? "{ipBlock: {cidr: 10.88.160.0/28, except: [10.88.160.8/30]}}" : "{ipBlock: {cidr: 0.0.0.0/0, except: [10.88.160.16/28]}}";
    };
  }

  static String pick(Random rnd, List<String> l) { return l.get(rnd.nextInt(l.size())); }

  /** Whether {@code pod} may receive from ({@code ingress}) or send to {@code peer} on {@code proto}/{@code port}, read from the policies. */
  static boolean judge(List<NetworkPolicy> policies, PolicyPod pod, boolean ingress, String peer, String proto, int port) {
    boolean isolated = false;
    for (NetworkPolicy np : policies) {
      var spec = np.getSpec();
      String ns = np.getMetadata().getNamespace();
      if (!ns.equals(pod.namespace()) || !selects(spec.getPodSelector(), pod.labels())) continue;
      List<String> types = spec.getPolicyTypes();
      boolean applies = types == null || types.isEmpty()
          ? ingress || (spec.getEgress() != null && !spec.getEgress().isEmpty())
          : types.contains(ingress ? "Ingress" : "Egress");
      if (!applies) continue;
      isolated = true;
      // the port is resolved on the pod receiving: this one for ingress, the peer (if a pod) for egress
      PolicyPod receiver = ingress ? pod : podAt(peer).orElse(null);
      if (ingress && spec.getIngress() != null) {
        for (var r : spec.getIngress()) if (peersAllow(r.getFrom(), ns, peer) && portsAllow(r.getPorts(), receiver, proto, port)) return true;
      }
      if (!ingress && spec.getEgress() != null) {
        for (var r : spec.getEgress()) if (peersAllow(r.getTo(), ns, peer) && portsAllow(r.getPorts(), receiver, proto, port)) return true;
      }
    }
    return !isolated;
  }

  static boolean peersAllow(List<NetworkPolicyPeer> peers, String ns, String ip) {
    if (peers == null || peers.isEmpty()) return true;
    for (NetworkPolicyPeer p : peers) {
      if (p.getIpBlock() != null) {
        boolean inside = Ipv4.contains(p.getIpBlock().getCidr(), ip);
        for (String e : p.getIpBlock().getExcept() == null ? List.<String>of() : p.getIpBlock().getExcept()) inside &= !Ipv4.contains(e, ip);
        if (inside) return true;
        continue;
      }
      Optional<PolicyPod> other = podAt(ip);
      if (other.isEmpty()) continue;
      boolean nsOk = p.getNamespaceSelector() == null ? other.get().namespace().equals(ns)
          : selects(p.getNamespaceSelector(), namespaceLabels(other.get().namespace()));
      boolean podOk = p.getPodSelector() == null || selects(p.getPodSelector(), other.get().labels());
      if (nsOk && podOk) return true;
    }
    return false;
  }

  static boolean portsAllow(List<NetworkPolicyPort> ports, PolicyPod receiver, String proto, int port) {
    if (ports == null || ports.isEmpty()) return true;
    for (NetworkPolicyPort p : ports) {
      String want = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!want.equals(proto)) continue;
      if (p.getPort() == null) return true;
      Integer number = p.getPort().getIntVal();
      if (number == null && p.getPort().getStrVal().matches("[0-9]+")) number = Integer.parseInt(p.getPort().getStrVal());
      if (number == null) {
        String name = p.getPort().getStrVal();
        if (receiver != null && receiver.ports().stream().anyMatch(n -> n.name().equals(name) && n.protocol().equals(proto) && n.port() == port)) {
          return true;
        }
        continue;
      }
      int last = p.getEndPort() == null ? number : p.getEndPort();
      if (number <= port && port <= last) return true;
    }
    return false;
  }

  static Optional<PolicyPod> podAt(String ip) { return PODS.stream().filter(p -> p.ip().equals(ip)).findFirst(); }

  static Map<String, String> namespaceLabels(String ns) {
    Map<String, String> l = new HashMap<>(NAMESPACES.get(ns));
    l.put("kubernetes.io/metadata.name", ns);
    return l;
  }

  static boolean selects(io.fabric8.kubernetes.api.model.LabelSelector s, Map<String, String> labels) {
    try {
      return LabelSelector.from(s).matches(labels);
    } catch (SelectorException e) {
      throw new AssertionError("the generator made a bad selector: " + s, e);
    }
  }
}
