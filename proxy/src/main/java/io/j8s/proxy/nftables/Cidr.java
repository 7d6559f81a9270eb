package io.j8s.proxy.nftables;

/** IPv4 CIDR containment for the firewall's "is the node inside the source ranges" check. */
final class Cidr {
  private Cidr() {}

  static boolean contains(String cidr, String ip) {
    int slash = cidr.indexOf('/');
    Long net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    Long addr = parse(ip);
    if (net == null || addr == null) return false;
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return (net & mask) == (addr & mask);
  }

  static Long parse(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) return null;
    long v = 0;
    for (String s : parts) {
      try {
        int o = Integer.parseInt(s);
        if (o < 0 || o > 255) return null;
        v = (v << 8) | o;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return v;
  }
}
