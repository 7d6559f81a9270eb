package io.j8s.network.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangesTest {
  @Test void unionMergesOverlappingAndAdjacent() {
    IpRanges r = IpRanges.addresses(List.of("10.0.0.3", "10.0.0.1", "10.0.0.2")).union(IpRanges.cidr("10.0.0.4/30"));
    assertThat(r.elements()).containsExactly("10.0.0.1-10.0.0.7");
    assertThat(IpRanges.cidr("10.0.0.0/8").union(IpRanges.address("10.1.2.3")).elements()).containsExactly("10.0.0.0/8");
  }

  @Test void minusSplits() {
    IpRanges r = IpRanges.cidr("10.0.0.0/24").minus(IpRanges.cidr("10.0.0.64/26")).minus(IpRanges.address("10.0.0.0"));
    assertThat(r.elements()).containsExactly("10.0.0.1-10.0.0.63", "10.0.0.128/25");
    assertThat(IpRanges.cidr("10.0.0.0/24").minus(IpRanges.ALL).isEmpty()).isTrue();
    assertThat(IpRanges.ALL.elements()).containsExactly("0.0.0.0/0");
  }

  @Test void coversAndContains() {
    assertThat(IpRanges.cidr("10.0.0.0/16").covers(IpRanges.cidr("10.0.3.0/24"))).isTrue();
    assertThat(IpRanges.cidr("10.0.3.0/24").covers(IpRanges.cidr("10.0.0.0/16"))).isFalse();
    assertThat(IpRanges.NONE.covers(IpRanges.NONE)).isTrue();
    assertThat(IpRanges.cidr("10.0.0.0/16").contains("10.0.255.255")).isTrue();
    assertThat(IpRanges.cidr("10.0.0.0/16").contains("fd00::1")).isFalse();
  }

  /** Seeded: the binary search agrees with a scan over the ranges, at their edges and between them. */
  @Test void containsAgreesWithAScan() {
    java.util.Random rnd = new java.util.Random(11);
    for (int round = 0; round < 200; round++) {
      List<String> ips = new java.util.ArrayList<>();
      for (int i = 0; i < rnd.nextInt(40); i++) ips.add("10.0." + rnd.nextInt(4) + "." + rnd.nextInt(256));
      IpRanges r = IpRanges.addresses(ips).minus(IpRanges.address("10.0.1.7"));
      for (int i = 0; i < 300; i++) {
        String probe = "10.0." + rnd.nextInt(4) + "." + rnd.nextInt(256);
        long v = io.j8s.api.net.Ipv4.parse(probe).getAsLong();
        boolean scan = r.ranges().stream().anyMatch(x -> x.first() <= v && v <= x.last());
        assertThat(r.contains(probe)).as("round %d %s in %s", round, probe, r).isEqualTo(scan);
      }
      for (IpRanges.Range x : r.ranges()) {
        assertThat(r.contains(io.j8s.api.net.Ipv4.format(x.first()))).isTrue();
        assertThat(r.contains(io.j8s.api.net.Ipv4.format(x.last()))).isTrue();
        if (x.first() > 0) assertThat(r.contains(io.j8s.api.net.Ipv4.format(x.first() - 1))).isFalse();
        assertThat(r.contains(io.j8s.api.net.Ipv4.format(x.last() + 1))).isFalse();
      }
    }
    assertThat(IpRanges.NONE.contains("10.0.0.1")).isFalse();
    assertThat(IpRanges.ALL.contains("255.255.255.255")).isTrue();
  }

  /** Seeded: union, minus and covers against a bitmap of a small address space (edges, adjacency, nesting). */
  @Test void setOperationsAgreeWithABitmap() {
    java.util.Random rnd = new java.util.Random(5);
    for (int round = 0; round < 500; round++) {
      java.util.BitSet a = new java.util.BitSet();
      java.util.BitSet b = new java.util.BitSet();
      IpRanges ra = randomRanges(rnd, a);
      IpRanges rb = randomRanges(rnd, b);
      java.util.BitSet union = (java.util.BitSet) a.clone();
      union.or(b);
      java.util.BitSet minus = (java.util.BitSet) a.clone();
      minus.andNot(b);
      assertThat(bits(ra.union(rb))).as("round %d: %s + %s", round, ra, rb).isEqualTo(union);
      assertThat(ra.union(rb)).as("union is symmetric and normal").isEqualTo(rb.union(ra)).isEqualTo(new IpRanges(new java.util.ArrayList<>(
          java.util.stream.Stream.concat(ra.ranges().stream(), rb.ranges().stream()).toList())));
      assertThat(bits(ra.minus(rb))).as("round %d: %s - %s", round, ra, rb).isEqualTo(minus);
      java.util.BitSet outside = (java.util.BitSet) b.clone();
      outside.andNot(a);
      assertThat(ra.covers(rb)).isEqualTo(outside.isEmpty());
    }
  }

  /** A few ranges in 10.0.0.0-10.0.0.255, also marked in {@code bits} (offsets from 10.0.0.0). */
  static IpRanges randomRanges(java.util.Random rnd, java.util.BitSet bits) {
    List<IpRanges.Range> rs = new java.util.ArrayList<>();
    long base = io.j8s.api.net.Ipv4.parse("10.0.0.0").getAsLong();
    for (int i = rnd.nextInt(6); i > 0; i--) {
      int first = rnd.nextInt(256);
      int last = Math.min(255, first + rnd.nextInt(rnd.nextBoolean() ? 3 : 40));
      rs.add(new IpRanges.Range(base + first, base + last));
      bits.set(first, last + 1);
    }
    return new IpRanges(rs);
  }

  static java.util.BitSet bits(IpRanges r) {
    java.util.BitSet out = new java.util.BitSet();
    long base = io.j8s.api.net.Ipv4.parse("10.0.0.0").getAsLong();
    for (IpRanges.Range x : r.ranges()) out.set((int) (x.first() - base), (int) (x.last() - base + 1));
    return out;
  }
}
