package io.j8s.proxy.ipvs;

import io.j8s.api.net.Ipv4;

/** CIDRs as ipset prints its net entries. */
final class Cidrs {
  private Cidrs() {}

  /** The network address, without {@code /32}; the text unchanged when it does not parse. */
  static String canonical(String cidr) {
    try {
      Ipv4.Cidr c = Ipv4.Cidr.parse(cidr.indexOf('/') < 0 ? cidr + "/32" : cidr);
      return c.prefix() == 32 ? Ipv4.format(c.network()) : c.toString();
    } catch (IllegalArgumentException e) {
      return cidr;
    }
  }
}
