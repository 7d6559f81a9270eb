package io.j8s.proxy.iptables;

import io.j8s.api.net.Ipv4;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses an iptables-restore payload (or iptables-save output) into tables of chains of tokenised
 * rules and follows a packet through them, as upstream's packet-flow tests do: statistic matches
 * are explored both ways (so a trace yields every endpoint a new connection may reach), recent
 * --rcheck matches when the packet's client is in that list, addrtype LOCAL means the node's
 * addresses or 127/8.
 */
final class Trace {
  record Packet(String src, String dst, String proto, int dport, Set<String> nodeIPs, Set<String> recent) {
    Packet(String src, String dst, String proto, int dport, Set<String> nodeIPs) {
      this(src, dst, proto, dport, nodeIPs, Set.of());
    }

    boolean local(String ip) {
      return nodeIPs.contains(ip) || ip.startsWith("127.");
    }
  }

  /** One way the packet can go: a DNAT destination, or a filter verdict, or null (no match), and whether it was marked for masquerade. */
  record Outcome(String result, boolean masq) {}

  final Map<String, Map<String, List<List<String>>>> tables = new LinkedHashMap<>();

  static Trace parse(String payload) {
    Trace t = new Trace();
    Map<String, List<List<String>>> cur = null;
    for (String line : payload.split("\n")) {
      if (line.startsWith("*")) {
        cur = t.tables.computeIfAbsent(line.substring(1), k -> new LinkedHashMap<>());
      } else if (line.startsWith(":")) {
        cur.put(line.substring(1).split(" ")[0], new ArrayList<>());
      } else if (line.startsWith("-A ")) {
        List<String> toks = tokens(line);
        cur.get(toks.get(1)).add(toks.subList(2, toks.size()));
      } else if (line.startsWith("-X ")) {
        cur.remove(line.substring(3));
      }
    }
    return t;
  }

  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean q = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        q = !q;
        any = true;
      } else if (c == ' ' && !q) {
        if (any) out.add(b.toString());
        b.setLength(0);
        any = false;
      } else {
        b.append(c);
        any = true;
      }
    }
    if (any) out.add(b.toString());
    return out;
  }

  List<List<String>> chain(String table, String chain) {
    return tables.get(table).get(chain);
  }

  /** Every outcome of the packet entering {@code chain} of {@code table}. */
  List<Outcome> run(String table, String chain, Packet p) {
    return run(table, chain, p, false, 0);
  }

  private List<Outcome> run(String table, String chain, Packet p, boolean masq, int depth) {
    if (depth > 20) throw new IllegalStateException("jump loop at " + chain);
    List<List<String>> rules = tables.get(table).get(chain);
    if (rules == null) throw new IllegalStateException("no chain " + table + "/" + chain);
    List<Outcome> out = new ArrayList<>();
    for (List<String> r : rules) {
      if (!matches(r, p)) continue;
      boolean maybe = r.contains("statistic");
      String j = arg(r, "-j");
      if (j == null) continue;
      List<Outcome> res;
      switch (j) {
        case "KUBE-MARK-MASQ" -> {
          masq = true;
          continue;
        }
        case "DNAT" -> res = List.of(new Outcome(arg(r, "--to-destination"), masq));
        case "RETURN" -> {
          out.add(new Outcome(null, masq));
          return out;
        }
        case "ACCEPT", "DROP", "REJECT" -> res = List.of(new Outcome(j, masq));
        default -> res = run(table, j, p, masq, depth + 1);
      }
      boolean fellThrough = false;
      for (Outcome o : res) {
        if (o.result() != null) out.add(o);
        else {
          fellThrough = true;
          masq |= o.masq();
        }
      }
      if (!maybe && !fellThrough) return out;
    }
    out.add(new Outcome(null, masq));
    return out;
  }

  static String arg(List<String> r, String flag) {
    int i = r.indexOf(flag);
    return i < 0 || i + 1 >= r.size() ? null : r.get(i + 1);
  }

  static boolean matches(List<String> r, Packet p) {
    for (int i = 0; i < r.size(); i++) {
      boolean neg = i > 0 && r.get(i - 1).equals("!");
      String t = r.get(i);
      String v = i + 1 < r.size() ? r.get(i + 1) : null;
      boolean m = switch (t) {
        case "-d" -> Ipv4.contains(v, p.dst());
        case "-s" -> Ipv4.contains(v, p.src());
        case "-p" -> v.equals(p.proto());
        case "--dport" -> Integer.parseInt(v) == p.dport();
        case "--dst-type" -> p.local(p.dst());
        case "--src-type" -> p.local(p.src());
        case "--rcheck" -> p.recent().contains(arg(r, "--name"));
        default -> true;
      };
      if (m == neg) return false;
    }
    return true;
  }

  /** The DNAT destinations a new connection may reach through nat KUBE-SERVICES (null entries dropped). */
  List<Outcome> nat(Packet p) {
    return run("nat", "KUBE-SERVICES", p).stream().filter(o -> o.result() != null).toList();
  }

  /** The filter verdicts for the packet in KUBE-SERVICES, KUBE-EXTERNAL-SERVICES and KUBE-PROXY-FIREWALL. */
  List<String> filter(Packet p) {
    List<String> v = new ArrayList<>();
    for (String c : List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-PROXY-FIREWALL")) {
      run("filter", c, p).stream().map(Outcome::result).filter(x -> x != null).forEach(v::add);
    }
    return v;
  }
}
