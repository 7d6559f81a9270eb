package io.j8s.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RangesTest {

  @Test
  void defaultServiceCidr() {
    ServiceIpRange r = ServiceIpRange.parse("10.43.0.0/16");
    assertThat(r.cidr()).isEqualTo("10.43.0.0/16");
    assertThat(r.offsets().size()).as("network and broadcast excluded").isEqualTo(65534);
    assertThat(r.offsets().reserved()).isEqualTo(256);
    assertThat(r.ip(0)).isEqualTo("10.43.0.1");
    assertThat(r.ip(9)).isEqualTo("10.43.0.10");
    assertThat(r.ip(255)).isEqualTo("10.43.1.0");
    assertThat(r.ip(256)).isEqualTo("10.43.1.1");
    assertThat(r.ip(65533)).isEqualTo("10.43.255.254");
    assertThat(r.offsets().inStaticBand(r.offsetOf("10.43.0.1").getAsInt())).isTrue();
    assertThat(r.offsets().inStaticBand(r.offsetOf("10.43.0.10").getAsInt())).isTrue();
    assertThat(r.offsets().inStaticBand(r.offsetOf("10.43.1.1").getAsInt())).isFalse();
  }

  @Test
  void offsetsOnlyForUsableAddressesOfTheRange() {
    ServiceIpRange r = ServiceIpRange.parse("10.43.0.0/16");
    assertThat(r.offsetOf("10.43.0.1")).isEqualTo(OptionalInt.of(0));
    assertThat(r.offsetOf("10.43.255.254")).isEqualTo(OptionalInt.of(65533));
    for (String bad : new String[] {"10.43.0.0", "10.43.255.255", "10.44.0.1", "10.42.255.255", "fd00::1", "010.43.0.1",
        "10.43.0", "10.43.0.256", "", "None"}) {
      assertThat(r.offsetOf(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void highAddressesAreUnsignedSafe() {
    ServiceIpRange r = ServiceIpRange.parse("192.168.128.0/17");
    assertThat(r.ip(0)).isEqualTo("192.168.128.1");
    assertThat(r.offsetOf("192.168.255.254")).isEqualTo(OptionalInt.of(32765));
    assertThat(r.offsetOf("192.168.127.1")).isEmpty();
  }

  @Test
  void cidrIsNormalisedAndSmallRangesHaveNoBand() {
    assertThat(ServiceIpRange.parse("10.43.5.7/16").cidr()).isEqualTo("10.43.0.0/16");
    ServiceIpRange small = ServiceIpRange.parse("10.0.0.0/28");
    assertThat(small.offsets().size()).isEqualTo(14);
    assertThat(small.offsets().reserved()).isZero();
    assertThat(ServiceIpRange.parse("10.0.0.0/24").offsets().reserved()).isEqualTo(16);
  }

  @Test
  void badCidrsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ServiceIpRange.parse("10.43.0.0")).hasMessageContaining("no /prefix");
    assertThatThrownBy(() -> ServiceIpRange.parse("fd00::/112")).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> ServiceIpRange.parse("10.43.0.0/31")).hasMessageContaining("/30");
    assertThatThrownBy(() -> ServiceIpRange.parse("ten/16")).hasMessageContaining("not an IPv4 CIDR");
    assertThatThrownBy(() -> ServiceIpRange.parse("10.43.0.0/x")).hasMessageContaining("prefix");
  }

  @Test
  void nodePortRange() {
    NodePortRange r = NodePortRange.parse("30000-32767");
    assertThat(r.offsets().size()).isEqualTo(2768);
    assertThat(r.offsets().reserved()).isEqualTo(86);
    assertThat(r.port(0)).isEqualTo(30000);
    assertThat(r.offsetOf(32767)).isEqualTo(OptionalInt.of(2767));
    assertThat(r.offsetOf(32768)).isEmpty();
    assertThat(r.offsetOf(29999)).isEmpty();
    assertThat(r).hasToString("30000-32767");
    assertThat(NodePortRange.parse(" 20000 - 20009 ").offsets().reserved()).isZero();
    for (String bad : new String[] {"30000", "a-b", "32767-30000", "0-10", "30000-70000", "1-2-3"}) {
      assertThatThrownBy(() -> NodePortRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
