package io.j8s.proxy.iptables;

/** IPv4 CIDR containment, for the few decisions the renderer makes on addresses. */
final class Cidr {
  private Cidr() {}

  static boolean contains(String cidr, String ip) {
    int slash = cidr.indexOf('/');
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    Long net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    Long addr = parse(ip);
    if (net == null || addr == null || bits < 0 || bits > 32) return false;
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (net & mask) == (addr & mask);
  }

  static Long parse(String ip) {
    String[] p = ip.split("\\.");
    if (p.length != 4) return null;
    long v = 0;
    try {
      for (String x : p) {
        int o = Integer.parseInt(x);
        if (o < 0 || o > 255) return null;
        v = (v << 8) | o;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return v;
  }
}
