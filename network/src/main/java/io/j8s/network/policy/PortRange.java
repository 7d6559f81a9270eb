package io.j8s.network.policy;

import java.util.Locale;

/**
 * Destination ports of one protocol ({@code tcp}, {@code udp}, {@code sctp}), inclusive; 0-65535
 * is every port of it. Ordered by protocol, then first port.
 */
public record PortRange(String protocol, int first, int last) implements Comparable<PortRange> {
  public PortRange {
    protocol = protocol.toLowerCase(Locale.ROOT);
    if (first < 0 || last > 65535 || last < first) throw new IllegalArgumentException("bad port range " + first + "-" + last);
  }

  public static PortRange all(String protocol) { return new PortRange(protocol, 0, 65535); }

  public static PortRange of(String protocol, int port) { return new PortRange(protocol, port, port); }

  public boolean allPorts() { return first == 0 && last == 65535; }

  /** As an nft set element: {@code 80} or {@code 8000-8080}. */
  public String element() { return first == last ? Integer.toString(first) : first + "-" + last; }

  @Override public int compareTo(PortRange o) {
    int c = protocol.compareTo(o.protocol);
    if (c != 0) return c;
    c = Integer.compare(first, o.first);
    return c != 0 ? c : Integer.compare(last, o.last);
  }

  @Override public String toString() { return protocol + "/" + element(); }
}
