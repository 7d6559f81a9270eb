package io.j8s.proxy.nftables;

import io.j8s.api.net.Ipv4;
import io.j8s.hostnet.nftables.RecordingNftables;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one new connection through the table as a {@link RecordingNftables} holds it: the nat
 * {@code services} lookups (service-ips, then node IPs and service-nodeports), the service's
 * chains (masquerade marks, affinity lookups and updates, numgen picks chosen by the caller),
 * the DNAT (an endpoint chain's, or a slot of an {@code endpoints-S} map), the hairpin
 * masquerade in postrouting; and the filter checks (firewall, no-endpoint maps, invalid ClusterIP ports).
 */
final class NftTrace {
  /** Where a packet went: the DNAT destination (null if none), whether it is masqueraded, the filter verdict (null: accepted). */
  record Result(String dnat, boolean masquerade, String filter, List<String> chains) {}

  private static final Pattern NUMGEN = Pattern.compile("numgen (random|inc) mod (\\d+) vmap \\{ (.*) }");
  private static final Pattern SLOTS = Pattern.compile("meta l4proto (\\w+) dnat ip to numgen (random|inc) mod (\\d+) offset (\\d+) map @(\\S+)");
  private final RecordingNftables nft;
  /** Affinity set name to client addresses in it. */
  final Map<String, Set<String>> affinity = new java.util.HashMap<>();

  NftTrace(RecordingNftables nft) {
    this.nft = nft;
  }

  private Map<String, String> map(String name) {
    return nft.elements(NftablesProxier.TABLE, name);
  }

  /** {@code pick} chooses the numgen branch given its modulus. */
  Result trace(String saddr, boolean fromLocal, String daddr, String proto, int dport, String cidr, IntUnaryOperator pick) {
    String key = daddr + " . " + proto + " . " + dport;
    String filter = verdict(map("firewall-ips").get(key), saddr);
    Map<String, List<String>> chains = nft.chains(NftablesProxier.TABLE);
    String start = map("service-ips").get(key);
    boolean nodeIP = map("nodeport-ips").containsKey(daddr);
    if (start == null && nodeIP) start = map("service-nodeports").get(proto + " . " + dport);
    String dnat = null;
    boolean masq = false;
    List<String> path = new java.util.ArrayList<>();
    String chain = start == null ? null : start.substring("goto ".length());
    outer:
    while (chain != null) {
      path.add(chain);
      List<String> rules = chains.get(chain);
      if (rules == null) throw new AssertionError("no chain " + chain);
      String next = null;
      for (String r : rules) {
        Matcher s = SLOTS.matcher(r);
        if (s.matches()) {
          if (!s.group(1).equals(proto)) continue;
          int slot = Integer.parseInt(s.group(4)) + pick.applyAsInt(Integer.parseInt(s.group(3)));
          String target = map(s.group(5)).get(Integer.toString(slot));
          if (target == null) throw new AssertionError("no slot " + slot + " in " + s.group(5) + " for " + r);
          dnat = target.replace(" . ", ":");
          break outer;
        }
        Matcher m = NUMGEN.matcher(r);
        if (m.matches()) {
          int n = Integer.parseInt(m.group(2));
          int i = pick.applyAsInt(n);
          for (String e : m.group(3).split(", ")) {
            String[] kv = e.split(" : goto ");
            if (Integer.parseInt(kv[0].strip()) == i) next = kv[1].strip();
          }
          chain = next;
          continue outer;
        }
        String[] w = r.split(" ");
        boolean match = true;
        int j = 0;
        while (j < w.length && match && !w[j].equals("jump") && !w[j].equals("goto") && !w[j].equals("update") && !w[j].equals("meta")) {
          switch (w[j]) {
            case "ip" -> {
              String field = w[j + 1];
              boolean neg = w[j + 2].equals("!=");
              String v = neg ? w[j + 3] : w[j + 2];
              String actual = field.equals("saddr") ? saddr : daddr;
              boolean hit = v.startsWith("@") ? affinity.getOrDefault(v.substring(1), Set.of()).contains(actual)
                  : v.contains("/") ? Ipv4.contains(v, actual) : v.equals(actual);
              match = neg != hit;
              j += neg ? 4 : 3;
            }
            case "tcp", "udp", "sctp" -> {
              match = w[j].equals(proto) && Integer.parseInt(w[j + 2]) == dport;
              j += 3;
            }
            case "fib" -> {
              match = fromLocal;
              j += 4;
            }
            default -> throw new AssertionError("cannot trace: " + r);
          }
        }
        if (!match) continue;
        switch (w[j]) {
          case "jump" -> {
            if (!w[j + 1].equals(NftablesRenderer.MARK_MASQ)) throw new AssertionError("unexpected jump " + r);
            masq = true;
          }
          case "goto" -> {
            chain = w[j + 1];
            continue outer;
          }
          case "update" -> affinity.computeIfAbsent(w[j + 1].substring(1), k -> new HashSet<>()).add(saddr);
          default -> {
            if (!r.startsWith("meta l4proto " + proto + " dnat to ")) throw new AssertionError("cannot trace: " + r);
            dnat = w[w.length - 1];
            break outer;
          }
        }
      }
      break;
    }
    if (dnat != null && chains.get(NftablesRenderer.MASQUERADING).getFirst().equals(NftablesRenderer.HAIRPIN_RULE)
        && map(NftablesRenderer.HAIRPIN).containsKey(saddr + " . " + dnat.substring(0, dnat.indexOf(':')))) {
      masq = true;
    }
    if (filter == null && dnat == null) {
      filter = verdict(map("no-endpoint-services").get(key), saddr);
      if (filter == null && nodeIP) filter = verdict(map("no-endpoint-nodeports").get(proto + " . " + dport), saddr);
      if (filter == null && map("cluster-ips").containsKey(daddr)) filter = "reject";
    }
    return new Result(dnat, masq && dnat != null, filter, path);
  }

  private String verdict(String v, String saddr) {
    if (v == null) return null;
    if (v.equals("drop")) return "drop";
    if (v.equals("goto reject-chain")) return "reject";
    String fw = v.substring("goto ".length());
    for (String r : nft.chains(NftablesProxier.TABLE).get(fw)) {
      Matcher m = Pattern.compile("ip saddr != \\{ (.*) } drop").matcher(r);
      if (!m.matches()) throw new AssertionError("cannot trace firewall " + r);
      boolean allowed = false;
      for (String c : m.group(1).split(", ")) allowed |= Ipv4.contains(c.contains("/") ? c : c + "/32", saddr);
      if (!allowed) return "drop";
    }
    return null;
  }
}
