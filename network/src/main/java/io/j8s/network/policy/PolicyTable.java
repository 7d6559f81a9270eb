package io.j8s.network.policy;

import io.j8s.api.net.UserspaceRelay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The desired table {@code inet j8s-netpol} as a value: interval sets of peer addresses (name to
 * elements), the two verdict maps from a local pod's address to its chain, the per-pod chains
 * (name to rules), how this node's proxy reaches Service endpoints ({@link ServicePath}: the
 * userspace relay's nodes, IPVS's service ranges) and, with IPVS, the local pods' addresses. The
 * base chains are fixed but for the path ({@link #base}).
 * {@link #script()} is one {@code nft -f} transaction that replaces the whole table.
 */
public record PolicyTable(SortedMap<String, List<String>> sets, SortedMap<String, String> ingressPods,
    SortedMap<String, String> egressPods, SortedMap<String, List<String>> chains, ServicePath path, List<String> localPods) {
  public static final String FAMILY = "inet";
  public static final String NAME = "j8s-netpol";
  static final String T = FAMILY + " " + NAME;
  public static final String INGRESS_MAP = "ingress-pods";
  public static final String EGRESS_MAP = "egress-pods";
  public static final String RELAY_NODES = "relay-nodes";
  public static final String IPVS_SERVICES = "ipvs-services";
  public static final String LOCAL_PODS = "local-pods";

  public PolicyTable {
    sets = Collections.unmodifiableSortedMap(new TreeMap<>(sets));
    ingressPods = Collections.unmodifiableSortedMap(new TreeMap<>(ingressPods));
    egressPods = Collections.unmodifiableSortedMap(new TreeMap<>(egressPods));
    chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
    localPods = localPods.stream().sorted().distinct().toList();
  }

  /** The hooked chains: forward and input, and output with IPVS. */
  public List<String> hooks() {
    return path instanceof ServicePath.Ipvs ? List.of("forward", "input", "output") : List.of("forward", "input");
  }

  /**
   * The rules of a hooked chain. Forward at priority 0, after service DNAT (prerouting -100) and
   * kube-proxy's filter chains (-10): bridged pod-to-pod traffic (br_netfilter) and routed traffic
   * to other nodes. Input: pods' traffic to this host (e.g. a DNS or API address DNATed to the
   * node) is their egress too. Output (only with IPVS) never judges the node's own traffic: the node
   * always reaches its pods (kubelet probes), as upstream; their replies are established. With a userspace relay
   * ({@link UserspaceRelay}), a connection the proxy redirected to its relay is not judged at input
   * (the relay judges it with both ends known), and the relay's connections from another node
   * (marked DSCP, from a node's address) pass forward (that node's relay judged them). With IPVS,
   * which takes a pod's packet to a Service address at input (after this table) and sends it on to
   * the endpoint it picks through output, input leaves the Service addresses alone and output judges
   * the packets from local pods' addresses (only IPVS sends those from the node) as forward does.
   */
  public List<String> base(String chain) {
    List<String> rules = new ArrayList<>();
    rules.add("ct state established,related accept");
    if (chain.equals("output")) {
      rules.add("ip saddr != @" + LOCAL_PODS + " accept");
      rules.add("ip saddr vmap @" + EGRESS_MAP);
      rules.add("ip daddr vmap @" + INGRESS_MAP);
      return rules;
    }
    boolean input = chain.equals("input");
    switch (path) {
      case ServicePath.Ipvs v -> {
        if (input) rules.add("ip daddr @" + IPVS_SERVICES + " accept");
      }
      case ServicePath.Relay r -> rules.add(input
          ? "meta mark & " + hex(UserspaceRelay.REDIRECT_MARK) + " == " + hex(UserspaceRelay.REDIRECT_MARK) + " accept"
          : "ip saddr @" + RELAY_NODES + " ip dscp " + hex(UserspaceRelay.DSCP) + " accept");
      case ServicePath.Kernel k -> { }
    }
    rules.add("ip saddr vmap @" + EGRESS_MAP);
    if (chain.equals("forward")) rules.add("ip daddr vmap @" + INGRESS_MAP);
    return rules;
  }

  private static String hex(int v) { return "0x" + Integer.toHexString(v); }

  public long ruleCount() {
    return chains.values().stream().mapToLong(List::size).sum();
  }

  /** The whole table in one transaction: add, delete, add (the delete cannot fail; nothing old survives), then everything. */
  public String script() {
    StringBuilder b = new StringBuilder(512 + chains.size() * 256);
    b.append("add table ").append(T).append('\n');
    b.append("delete table ").append(T).append('\n');
    b.append("add table ").append(T).append('\n');
    for (String hook : hooks()) {
      b.append("add chain ").append(T).append(' ').append(hook).append(" { type filter hook ").append(hook).append(" priority 0 ; policy accept ; }\n");
    }
    b.append("add map ").append(T).append(' ').append(INGRESS_MAP).append(" { type ipv4_addr : verdict ; }\n");
    b.append("add map ").append(T).append(' ').append(EGRESS_MAP).append(" { type ipv4_addr : verdict ; }\n");
    switch (path) {
      case ServicePath.Ipvs v -> {
        b.append("add set ").append(T).append(' ').append(IPVS_SERVICES).append(" { type ipv4_addr ; flags interval ; }\n");
        elements(b, IPVS_SERVICES, v.serviceRanges());
        b.append("add set ").append(T).append(' ').append(LOCAL_PODS).append(" { type ipv4_addr ; }\n");
        elements(b, LOCAL_PODS, localPods);
      }
      case ServicePath.Relay r -> {
        b.append("add set ").append(T).append(' ').append(RELAY_NODES).append(" { type ipv4_addr ; }\n");
        elements(b, RELAY_NODES, r.nodes());
      }
      case ServicePath.Kernel k -> { }
    }
    sets.forEach((name, els) -> {
      b.append("add set ").append(T).append(' ').append(name).append(" { type ipv4_addr ; flags interval ; }\n");
      elements(b, name, els);
    });
    chains.keySet().forEach(c -> b.append("add chain ").append(T).append(' ').append(c).append('\n'));
    chains.forEach((c, rules) -> rules.forEach(r -> b.append("add rule ").append(T).append(' ').append(c).append(' ').append(r).append('\n')));
    for (String base : hooks()) {
      for (String r : base(base)) b.append("add rule ").append(T).append(' ').append(base).append(' ').append(r).append('\n');
    }
    elements(b, INGRESS_MAP, verdicts(ingressPods));
    elements(b, EGRESS_MAP, verdicts(egressPods));
    return b.toString();
  }

  private static List<String> verdicts(SortedMap<String, String> m) {
    List<String> out = new ArrayList<>(m.size());
    m.forEach((ip, chain) -> out.add(ip + " : jump " + chain));
    return out;
  }

  private static void elements(StringBuilder b, String name, List<String> els) {
    for (int i = 0; i < els.size(); i += 1000) {
      b.append("add element ").append(T).append(' ').append(name).append(" { ")
          .append(String.join(", ", els.subList(i, Math.min(els.size(), i + 1000)))).append(" }\n");
    }
  }
}
