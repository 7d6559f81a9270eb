package io.j8s.apiserver.services;

import io.j8s.api.net.Ipv4;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An IPv4 service CIDR. Offsets count from the first address after the network address and
 * end before the broadcast address, so offset 0 is {@code .1} (the kubernetes Service) and
 * offset 9 is {@code .10} (cluster DNS); the static band is
 * {@code min(max(16, size/16), 256)} of them (upstream's), none for ranges of 16 or fewer.
 */
record ServiceIpRange(String cidr, int network, int prefix, BandedRange offsets) {

  static ServiceIpRange parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("service CIDR " + cidr + " has no /prefix");
    String ip = cidr.substring(0, slash);
    if (ip.contains(":")) throw new IllegalArgumentException("IPv6 service CIDRs are not supported yet: " + cidr);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("service CIDR " + cidr + " has a bad prefix length");
    }
    if (prefix < 8 || prefix > 30) throw new IllegalArgumentException("service CIDR " + cidr + " must be between /8 and /30");
    OptionalLong addr = Ipv4.parse(ip);
    if (addr.isEmpty()) throw new IllegalArgumentException("service CIDR " + cidr + " is not an IPv4 CIDR");
    int network = (int) (addr.getAsLong() & (0xFFFFFFFFL << (32 - prefix)));
    long full = 1L << (32 - prefix);
    int usable = (int) (full - 2);
    return new ServiceIpRange(Ipv4.format(Integer.toUnsignedLong(network)) + "/" + prefix, network, prefix,
        new BandedRange(usable, Math.min(usable, BandedRange.staticBand(full, 16, 256, 16))));
  }

  /** The offset of an address in this range, empty if it is not a usable address of it. */
  OptionalInt offsetOf(String ip) {
    OptionalLong a = Ipv4.parse(ip);
    if (a.isEmpty()) return OptionalInt.empty();
    long off = a.getAsLong() - Integer.toUnsignedLong(network) - 1;
    return off >= 0 && off < offsets.size() ? OptionalInt.of((int) off) : OptionalInt.empty();
  }

  String ip(int offset) {
    if (offset < 0 || offset >= offsets.size()) throw new IllegalArgumentException("offset " + offset + " outside " + cidr);
    return Ipv4.format(Integer.toUnsignedLong(network) + 1 + offset);
  }

  @Override public String toString() { return cidr; }
}
