package io.j8s.network.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one direction of an isolated pod allows: for each distinct port list (empty = all traffic,
 * any protocol), the union of the peers allowed on it. Grouping by ports keeps the per-pod rules
 * few however many policies select the pod: a thousand policies allowing different peers on port
 * 80 are one rule over one interval set.
 */
public record Allowed(SortedMap<PortSet, IpRanges> byPorts) {
  /** Sorted, duplicate-free port ranges; empty means every packet whatever its protocol. */
  public record PortSet(List<PortRange> ranges) implements Comparable<PortSet> {
    public static final PortSet ANY = new PortSet(List.of());

    public PortSet {
      ranges = ranges.stream().distinct().sorted().toList();
    }

    public static PortSet of(PortRange... r) { return new PortSet(List.of(r)); }

    public boolean any() { return ranges.isEmpty(); }

    @Override public int compareTo(PortSet o) {
      for (int i = 0; i < Math.min(ranges.size(), o.ranges.size()); i++) {
        int c = ranges.get(i).compareTo(o.ranges.get(i));
        if (c != 0) return c;
      }
      return Integer.compare(ranges.size(), o.ranges.size());
    }

    @Override public String toString() { return ranges.isEmpty() ? "any" : ranges.toString(); }
  }

  public static final Allowed NOTHING = new Allowed(new TreeMap<>());

  public Allowed {
    SortedMap<PortSet, IpRanges> m = new TreeMap<>();
    byPorts.forEach((k, v) -> {
      if (!v.isEmpty()) m.put(k, v);
    });
    byPorts = Collections.unmodifiableSortedMap(m);
  }

  /** This plus {@code peers} on {@code ports}. */
  public Allowed plus(PortSet ports, IpRanges peers) {
    if (peers.isEmpty()) return this;
    SortedMap<PortSet, IpRanges> m = new TreeMap<>(byPorts);
    m.merge(ports, peers, IpRanges::union);
    return new Allowed(m);
  }

  /** This plus everything {@code o} allows. */
  public Allowed plus(Allowed o) {
    if (o.byPorts.isEmpty()) return this;
    if (byPorts.isEmpty()) return o;
    SortedMap<PortSet, IpRanges> m = new TreeMap<>(byPorts);
    o.byPorts.forEach((ports, peers) -> m.merge(ports, peers, IpRanges::union));
    return new Allowed(m);
  }

  /**
   * Whether this allows at least everything {@code old} did (then no tracked flow needs cutting).
   * Conservative: each old entry must be covered by the same port list or by all-traffic.
   */
  public boolean covers(Allowed old) {
    IpRanges any = byPorts.getOrDefault(PortSet.ANY, IpRanges.NONE);
    for (Map.Entry<PortSet, IpRanges> e : old.byPorts.entrySet()) {
      IpRanges mine = byPorts.getOrDefault(e.getKey(), IpRanges.NONE).union(any);
      if (!mine.covers(e.getValue())) return false;
    }
    return true;
  }

  /** Whether this allows traffic with {@code peer} to destination {@code port} of {@code protocol} (tcp, udp, sctp). */
  public boolean permits(String peer, String protocol, int port) {
    for (Map.Entry<PortSet, IpRanges> e : byPorts.entrySet()) {
      if (!e.getValue().contains(peer)) continue;
      if (e.getKey().any()) return true;
      for (PortRange r : e.getKey().ranges()) {
        if (r.protocol().equalsIgnoreCase(protocol) && r.first() <= port && port <= r.last()) return true;
      }
    }
    return false;
  }

  @Override public String toString() {
    List<String> parts = new ArrayList<>();
    byPorts.forEach((k, v) -> parts.add(k + " from/to " + v));
    return parts.toString();
  }
}
