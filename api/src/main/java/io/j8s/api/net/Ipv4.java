package io.j8s.api.net;

import java.util.OptionalLong;

/** IPv4 addresses as unsigned 32-bit values in a long, and CIDRs over them. */
public final class Ipv4 {
  private Ipv4() {}

  /** A dotted quad as a number; empty unless it is four octets 0-255 without leading zeros. */
  public static OptionalLong parse(String s) {
    if (s == null) return OptionalLong.empty();
    long v = 0;
    int octets = 0;
    int i = 0;
    int n = s.length();
    while (i <= n) { // one pass (the policy compiler and the relay parse many)
      int start = i;
      int octet = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) octet = octet * 10 + (s.charAt(i++) - '0');
      int digits = i - start;
      if (digits == 0 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) return OptionalLong.empty();
      v = (v << 8) | octet;
      if (++octets == 4) return i == n ? OptionalLong.of(v) : OptionalLong.empty();
      if (i == n || s.charAt(i) != '.') return OptionalLong.empty();
      i++;
    }
    return OptionalLong.empty();
  }

  /**
   * Whether {@code ip} lies in {@code cidr} (a bare address counts as its /32); false when either
   * does not parse, so that a bad value never widens a match.
   */
  public static boolean contains(String cidr, String ip) {
    OptionalLong addr = parse(ip);
    if (addr.isEmpty()) return false;
    try {
      return Cidr.parse(cidr.indexOf('/') < 0 ? cidr + "/32" : cidr).contains(addr.getAsLong());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static String format(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  /** An IPv4 network: its address with the host bits cleared, and its prefix length. */
  public record Cidr(long network, int prefix) {
    /** Parses {@code a.b.c.d/n}; host bits are cleared. The message names the text and the expected form. */
    public static Cidr parse(String s) {
      String t = s.trim();
      int slash = t.indexOf('/');
      if (slash < 0) throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + s);
      OptionalLong addr = Ipv4.parse(t.substring(0, slash));
      if (addr.isEmpty()) throw new IllegalArgumentException("not an IPv4 CIDR (a.b.c.d/n; IPv6 ranges are not supported yet): " + s);
      int p;
      try {
        p = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + s);
      }
      if (p < 0 || p > 32) throw new IllegalArgumentException("prefix length out of range (0-32): " + s);
      return new Cidr(addr.getAsLong() & mask(p), p);
    }

    /** How many addresses it spans. */
    public long size() { return 1L << (32 - prefix); }

    public long last() { return network + size() - 1; }

    public boolean contains(long addr) { return (addr & mask(prefix)) == network; }

    @Override public String toString() { return format(network) + "/" + prefix; }

    private static long mask(int p) {
      return p == 0 ? 0 : (0xFFFFFFFFL << (32 - p)) & 0xFFFFFFFFL;
    }
  }
}
