package io.j8s.proxy.ipvs;

/** IPv4 CIDR helpers for the few address decisions the renderer makes. */
final class Cidrs {
  private Cidrs() {}

  static boolean contains(String cidr, String ip) {
    int slash = cidr.indexOf('/');
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    Long net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    Long addr = parse(ip);
    if (net == null || addr == null || bits < 0 || bits > 32) return false;
    long mask = mask(bits);
    return (net & mask) == (addr & mask);
  }

  /** As ipset prints a net entry: the network address, without {@code /32}. */
  static String canonical(String cidr) {
    int slash = cidr.indexOf('/');
    int bits = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    Long net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    if (net == null) return cidr;
    long n = net & mask(bits);
    String ip = ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    return bits == 32 ? ip : ip + "/" + bits;
  }

  private static long mask(int bits) {
    return bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
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
