package io.j8s.controllers.servicelb;

import io.j8s.api.net.Ipv4;

/**
 * An IPv4 range given as a CIDR. Its usable addresses exclude the network and broadcast
 * addresses for prefixes shorter than /31, as an address assignment on a real subnet would.
 */
public record AddressPool(String cidr, long first, long last) {
  public static AddressPool parse(String cidr) {
    Ipv4.Cidr c = Ipv4.Cidr.parse(cidr);
    if (c.prefix() < 8) throw new IllegalArgumentException("pool prefix must be /8 to /32: " + cidr);
    return c.prefix() < 31 ? new AddressPool(cidr.trim(), c.network() + 1, c.last() - 1) : new AddressPool(cidr.trim(), c.network(), c.last());
  }

  public long size() {
    return last - first + 1;
  }

  public boolean contains(String ip) {
    var v = Ipv4.parse(ip);
    return v.isPresent() && v.getAsLong() >= first && v.getAsLong() <= last;
  }

  public String at(long index) {
    return Ipv4.format(first + index);
  }
}
