package io.j8s.network.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.j8s.network.policy.PolicyPod.NamedPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A small cluster for the compiler tests (addresses in 10.88.160.0/24): namespace a (team=a) with
 * web (.10, named port http=8080/TCP, dns=53/UDP) and db (.11, http=9090/TCP) on node n1, and
 * a/client (.12) on n2; namespace b (team=b) with client (.20, n2) and other (.21, n1); namespace c
 * (team=c) with client (.30, n2).
 */
final class Fixture {
  static final String NET = "10.88.160.";
  static final KubernetesSerialization JSON = new KubernetesSerialization();
  static final Map<String, Map<String, String>> NAMESPACES = Map.of("a", Map.of("team", "a"), "b", Map.of("team", "b"),
      "c", Map.of("team", "c"));
  static final List<PolicyPod> PODS = List.of(
      pod("a", "web", 10, "n1", Map.of("app", "web"), new NamedPort("http", "TCP", 8080), new NamedPort("dns", "UDP", 53)),
      pod("a", "db", 11, "n1", Map.of("app", "db"), new NamedPort("http", "TCP", 9090)),
      pod("a", "client", 12, "n2", Map.of("app", "client")),
      pod("b", "client", 20, "n2", Map.of("app", "client")),
      pod("b", "other", 21, "n1", Map.of("app", "other")),
      pod("c", "client", 30, "n2", Map.of("app", "client")));

  private Fixture() {}

  static PolicyPod pod(String ns, String name, int host, String node, Map<String, String> labels, NamedPort... ports) {
    return new PolicyPod(ns, name, labels, NET + host, node, Arrays.asList(ports));
  }

  static String ip(int host) { return NET + host; }

  /** A NetworkPolicy from YAML (its spec, indented by two), in namespace {@code ns}. */
  static NetworkPolicy policy(String ns, String name, String spec) {
    String yaml = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: " + name + ", namespace: " + ns + "}\nspec:\n"
        + spec.stripIndent().lines().map(l -> "  " + l).reduce("", (x, y) -> x + y + "\n");
    return JSON.unmarshal(yaml, NetworkPolicy.class);
  }

  static SortedMap<String, PodPolicy> compile(String node, NetworkPolicy... policies) {
    return PolicyCompiler.compile(new ArrayList<>(List.of(policies)), PODS, NAMESPACES, node);
  }

  static IpRanges ips(int... hosts) {
    List<String> l = new ArrayList<>();
    for (int h : hosts) l.add(ip(h));
    return IpRanges.addresses(l);
  }
}
