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
}
