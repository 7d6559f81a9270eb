package io.j8s.controllers.servicelb;

import java.util.Optional;

/**
 * An IPv4 range given as a CIDR. Its usable addresses exclude the network and broadcast
 * addresses for prefixes shorter than /31, as an address assignment on a real subnet would.
 */
public record AddressPool(String cidr, long first, long last) {
  public static AddressPool parse(String cidr) {
    String[] parts = cidr.trim().split("/");
    if (parts.length != 2) throw new IllegalArgumentException("not a CIDR (a.b.c.d/n): " + cidr);
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 8 || prefix > 32) throw new IllegalArgumentException("pool prefix must be /8 to /32: " + cidr);
    long base = toLong(parts[0]).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + parts[0]));
    long size = 1L << (32 - prefix);
    long net = base & ~(size - 1) & 0xffffffffL;
    return prefix < 31 ? new AddressPool(cidr.trim(), net + 1, net + size - 2) : new AddressPool(cidr.trim(), net, net + size - 1);
  }

  public long size() {
    return last - first + 1;
  }

  public boolean contains(String ip) {
    return toLong(ip).filter(v -> v >= first && v <= last).isPresent();
  }

  public String at(long index) {
    return toText(first + index);
  }

  static Optional<Long> toLong(String ip) {
    if (ip == null) return Optional.empty();
    String[] o = ip.split("\\.", -1);
    if (o.length != 4) return Optional.empty();
    long v = 0;
    for (String s : o) {
      if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) return Optional.empty();
      int n = Integer.parseInt(s);
      if (n > 255) return Optional.empty();
      v = (v << 8) | n;
    }
    return Optional.of(v);
  }

  static String toText(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }
}
