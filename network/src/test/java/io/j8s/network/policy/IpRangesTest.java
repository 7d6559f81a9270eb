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
}
