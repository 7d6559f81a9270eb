package io.j8s.network.policy;

import io.j8s.api.net.Ipv4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of IPv4 addresses as sorted, disjoint, non-adjacent ranges: the peers a rule allows (pod
 * addresses, ipBlocks less their excepts). {@link #ALL} is "any peer". Immutable and compared by value.
 */
public record IpRanges(List<Range> ranges) {
  /** Inclusive range of addresses as unsigned 32-bit values. */
  public record Range(long first, long last) {}

  public static final IpRanges NONE = new IpRanges(List.of());
  public static final IpRanges ALL = new IpRanges(List.of(new Range(0, 0xFFFFFFFFL)));

  public IpRanges {
    ranges = normalize(ranges);
  }

  public static IpRanges cidr(String cidr) {
    Ipv4.Cidr c = Ipv4.Cidr.parse(cidr);
    return new IpRanges(List.of(new Range(c.network(), c.last())));
  }

  /** One address; NONE when it is not IPv4. */
  public static IpRanges address(String ip) {
    var v = Ipv4.parse(ip);
    return v.isEmpty() ? NONE : new IpRanges(List.of(new Range(v.getAsLong(), v.getAsLong())));
  }

  public static IpRanges addresses(Iterable<String> ips) {
    List<Range> r = new ArrayList<>();
    for (String ip : ips) Ipv4.parse(ip).ifPresent(v -> r.add(new Range(v, v)));
    return new IpRanges(r);
  }

  public IpRanges union(IpRanges o) {
    if (o.ranges.isEmpty()) return this;
    if (ranges.isEmpty()) return o;
    List<Range> all = new ArrayList<>(ranges);
    all.addAll(o.ranges);
    return new IpRanges(all);
  }

  public IpRanges minus(IpRanges o) {
    List<Range> out = new ArrayList<>();
    for (Range r : ranges) {
      long start = r.first();
      for (Range x : o.ranges) {
        if (x.last() < start || x.first() > r.last()) continue;
        if (x.first() > start) out.add(new Range(start, x.first() - 1));
        start = x.last() + 1;
        if (start > r.last()) break;
      }
      if (start <= r.last()) out.add(new Range(start, r.last()));
    }
    return new IpRanges(out);
  }

  /** Whether every address of {@code o} is in this set. */
  public boolean covers(IpRanges o) {
    return o.minus(this).isEmpty();
  }

  /** Whether {@code ip} is in the set: a binary search over the sorted ranges (a relay asks this per connection). */
  public boolean contains(String ip) {
    var v = Ipv4.parse(ip);
    return v.isPresent() && contains(v.getAsLong());
  }

  /** Whether the address {@code a} (unsigned 32-bit) is in the set. */
  public boolean contains(long a) {
    int lo = 0;
    int hi = ranges.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Range r = ranges.get(mid);
      if (a < r.first()) hi = mid - 1;
      else if (a > r.last()) lo = mid + 1;
      else return true;
    }
    return false;
  }

  public boolean isEmpty() { return ranges.isEmpty(); }

  public boolean isAll() { return equals(ALL); }

  /** The nft interval-set elements: {@code a.b.c.d}, {@code a.b.c.d/n} when aligned, else {@code a-b}. */
  public List<String> elements() {
    List<String> out = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      long size = r.last() - r.first() + 1;
      if (size == 1) out.add(Ipv4.format(r.first()));
      else if (Long.bitCount(size) == 1 && r.first() % size == 0) out.add(Ipv4.format(r.first()) + "/" + (32 - Long.numberOfTrailingZeros(size)));
      else out.add(Ipv4.format(r.first()) + "-" + Ipv4.format(r.last()));
    }
    return out;
  }

  @Override public String toString() { return String.join(", ", elements()); }

  private static List<Range> normalize(List<Range> in) {
    if (in.size() <= 1) return List.copyOf(in);
    List<Range> s = new ArrayList<>(in);
    s.sort(Comparator.comparingLong(Range::first));
    List<Range> out = new ArrayList<>();
    Range cur = s.get(0);
    for (int i = 1; i < s.size(); i++) {
      Range n = s.get(i);
      if (n.first() <= cur.last() + 1) cur = new Range(cur.first(), Math.max(cur.last(), n.last()));
      else {
        out.add(cur);
        cur = n;
      }
    }
    out.add(cur);
    return List.copyOf(out);
  }
}
