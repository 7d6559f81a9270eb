package io.j8s.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4Test {
  @Test void parsesStrictlyAndFormatsBack() {
    assertThat(Ipv4.parse("10.43.0.1")).hasValue(0x0A2B0001L);
    assertThat(Ipv4.format(0xFFFFFFFFL)).isEqualTo("255.255.255.255");
    for (String bad : new String[] {"10.43.0", "10.43.0.256", "010.43.0.1", "10..0.1", "a.b.c.d", "+1.2.3.4", "::1", ""}) {
      assertThat(Ipv4.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test void cidrClearsHostBitsAndNamesBadInput() {
    Ipv4.Cidr c = Ipv4.Cidr.parse("10.42.7.9/16");
    assertThat(c.toString()).isEqualTo("10.42.0.0/16");
    assertThat(c.size()).isEqualTo(65536);
    assertThat(Ipv4.format(c.last())).isEqualTo("10.42.255.255");
    assertThat(Ipv4.Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
    assertThatThrownBy(() -> Ipv4.Cidr.parse("10.42.0.0")).hasMessage("not a CIDR (a.b.c.d/n): 10.42.0.0");
    assertThatThrownBy(() -> Ipv4.Cidr.parse("fd00::/64")).hasMessageContaining("not an IPv4 CIDR").hasMessageContaining("fd00::/64");
    assertThatThrownBy(() -> Ipv4.Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length out of range");
  }

  @Test void containmentTakesBareAddressesAsSlash32AndNeverMatchesBadInput() {
    assertThat(Ipv4.contains("10.42.0.0/16", "10.42.255.1")).isTrue();
    assertThat(Ipv4.contains("10.42.0.0/16", "10.43.0.1")).isFalse();
    assertThat(Ipv4.contains("0.0.0.0/0", "192.168.1.1")).isTrue();
    assertThat(Ipv4.contains("10.0.0.5", "10.0.0.5")).isTrue();
    assertThat(Ipv4.contains("10.0.0.5", "10.0.0.6")).isFalse();
    assertThat(Ipv4.contains("10.0.0.0/33", "10.0.0.1")).isFalse();
    assertThat(Ipv4.contains("fd00::/8", "10.0.0.1")).isFalse();
    assertThat(Ipv4.contains("10.0.0.0/8", "not-an-ip")).isFalse();
    assertThat(Ipv4.Cidr.parse("10.42.7.9/24").contains(Ipv4.parse("10.42.7.200").getAsLong())).isTrue();
  }
}
