package io.j8s.network.policy;

import io.j8s.network.policy.Allowed.PortSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pure: the local pods' {@link PodPolicy}s to a {@link PolicyTable}. An isolated pod's direction
 * becomes a chain with one rule per (port list, protocol) of its {@link Allowed} — {@code ip saddr
 * @peers meta l4proto tcp th dport { 80, 8000-8080 }} — ending in {@code drop}; allowed ingress
 * accepts, allowed egress returns (the base chain then checks the destination's ingress). Sets
 * and chains are named by a hash of their content, so pods (and rules) with the same peers or the
 * same policy share one. Pods that no policy isolates get no map entry: all their traffic passes.
 */
public final class PolicyRenderer {
  private PolicyRenderer() {}

  public static PolicyTable render(Collection<PodPolicy> pods) {
    return render(pods, ServicePath.KERNEL);
  }

  /** For the way this node's proxy reaches Service endpoints ({@link PolicyTable#base}). */
  public static PolicyTable render(Collection<PodPolicy> pods, ServicePath path) {
    SortedMap<String, List<String>> sets = new TreeMap<>();
    SortedMap<String, List<String>> chains = new TreeMap<>();
    SortedMap<String, String> in = new TreeMap<>();
    SortedMap<String, String> out = new TreeMap<>();
    for (PodPolicy p : pods) {
      p.ingress().ifPresent(a -> in.put(p.ip(), chain("ingress", rules(a, "ip saddr", "accept", sets), chains)));
      p.egress().ifPresent(a -> out.put(p.ip(), chain("egress", rules(a, "ip daddr", "return", sets), chains)));
    }
    List<String> localPods = path instanceof ServicePath.Ipvs ? pods.stream().map(PodPolicy::ip).toList() : List.of();
    return new PolicyTable(sets, in, out, chains, path, localPods);
  }

  static List<String> rules(Allowed a, String match, String verdict, Map<String, List<String>> sets) {
    List<String> rules = new ArrayList<>();
    for (Map.Entry<PortSet, IpRanges> e : a.byPorts().entrySet()) {
      String peer = "";
      if (!e.getValue().isAll()) {
        List<String> els = e.getValue().elements();
        String name = "peers-" + hash(String.join(",", els));
        sets.put(name, els);
        peer = match + " @" + name + " ";
      }
      if (e.getKey().any()) {
        rules.add(peer + verdict);
        continue;
      }
      Map<String, List<PortRange>> byProto = new TreeMap<>();
      for (PortRange r : e.getKey().ranges()) byProto.computeIfAbsent(r.protocol(), k -> new ArrayList<>()).add(r);
      String match0 = peer;
      byProto.forEach((proto, ranges) -> {
        String peerMatch = match0;
        if (ranges.stream().anyMatch(PortRange::allPorts)) {
          rules.add(peerMatch + "meta l4proto " + proto + " " + verdict);
        } else {
          List<String> ports = ranges.stream().map(PortRange::element).toList();
          String dport = ports.size() == 1 ? ports.get(0) : "{ " + String.join(", ", ports) + " }";
          rules.add(peerMatch + "meta l4proto " + proto + " th dport " + dport + " " + verdict);
        }
      });
    }
    rules.add("drop");
    return rules;
  }

  private static String chain(String direction, List<String> rules, Map<String, List<String>> chains) {
    String name = direction + "-" + hash(String.join("\n", rules));
    chains.put(name, rules);
    return name;
  }

  /** The first 16 hex digits of sha256: names stay short and equal content shares one object. */
  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
