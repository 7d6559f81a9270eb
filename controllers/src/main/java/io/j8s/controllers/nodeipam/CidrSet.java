package io.j8s.controllers.nodeipam;

import io.j8s.api.net.Ipv4;
import java.util.BitSet;
import java.util.Optional;

/**
 * The IPv4 cluster range cut into equal per-node subnets of {@code maskSize} bits, with a bit
 * per subnet saying whether it is taken. Allocation is next-fit from a rotating cursor (as
 * upstream's cidrset), so a subnet just released is not handed out again at once. Not thread-safe.
 */
final class CidrSet {
  static final int MAX_SUBNET_BITS = 20;
  private final long base;
  private final int prefix;
  private final int maskSize;
  private final int count;
  private final BitSet used;
  private int cursor;
  private int allocated;

  CidrSet(String clusterCidr, int maskSize) {
    Ipv4.Cidr c = Ipv4.Cidr.parse(clusterCidr);
    if (maskSize < c.prefix() || maskSize > 32) {
      throw new IllegalArgumentException("node CIDR mask size " + maskSize + " must be between the cluster CIDR's prefix length "
          + c.prefix() + " and 32");
    }
    if (maskSize - c.prefix() > MAX_SUBNET_BITS) {
      throw new IllegalArgumentException("node CIDR mask size " + maskSize + " cuts " + clusterCidr + " into more than 2^"
          + MAX_SUBNET_BITS + " subnets");
    }
    this.base = c.network();
    this.prefix = c.prefix();
    this.maskSize = maskSize;
    this.count = 1 << (maskSize - c.prefix());
    this.used = new BitSet(count);
  }

  int capacity() { return count; }

  int allocatedCount() { return allocated; }

  /** The next free subnet, marked used; empty when the range is full. */
  Optional<String> allocate() {
    if (allocated == count) return Optional.empty();
    int i = used.nextClearBit(cursor);
    if (i >= count) i = used.nextClearBit(0);
    used.set(i);
    allocated++;
    cursor = (i + 1) % count;
    return Optional.of(subnet(i));
  }

  /** Marks every subnet that {@code cidr} overlaps as used; false (and nothing marked) when it lies outside the range. */
  boolean occupy(String cidr) {
    int[] r = indices(cidr);
    if (r == null) return false;
    for (int i = r[0]; i <= r[1]; i++) {
      if (!used.get(i)) {
        used.set(i);
        allocated++;
      }
    }
    return true;
  }

  /** Frees every subnet that {@code cidr} overlaps; a CIDR outside the range is ignored. */
  void release(String cidr) {
    int[] r = indices(cidr);
    if (r == null) return;
    for (int i = r[0]; i <= r[1]; i++) {
      if (used.get(i)) {
        used.clear(i);
        allocated--;
      }
    }
  }

  boolean isUsed(String cidr) {
    int[] r = indices(cidr);
    return r != null && used.get(r[0], r[1] + 1).cardinality() == r[1] - r[0] + 1;
  }

  String subnet(int i) {
    return new Ipv4.Cidr(base + ((long) i << (32 - maskSize)), maskSize).toString();
  }

  /** First and last subnet index {@code cidr} overlaps, or null if none. */
  private int[] indices(String cidr) {
    Ipv4.Cidr c = Ipv4.Cidr.parse(cidr);
    long clusterEnd = base + (1L << (32 - prefix)) - 1;
    long end = c.network() + (1L << (32 - c.prefix())) - 1;
    long from = Math.max(c.network(), base);
    long to = Math.min(end, clusterEnd);
    if (from > to) return null;
    return new int[] {(int) ((from - base) >> (32 - maskSize)), (int) ((to - base) >> (32 - maskSize))};
  }
}
