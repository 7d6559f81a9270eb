package io.j8s.api.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv4Test {
  /** Seeded: the one-pass parser agrees with the rule read plainly (split on dots, four decimal octets, no leading zero). */
  @Test void parseAgreesWithThePlainRule() {
    Random rnd = new Random(11);
    String alphabet = "0123456789..2501";
    int valid = 0;
    for (int round = 0; round < 200_000; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = rnd.nextInt(16); i > 0; i--) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      String s = b.toString();
      OptionalLong expected = plainRule(s);
      if (expected.isPresent()) valid++;
      assertThat(Ipv4.parse(s)).as(s).isEqualTo(expected);
    }
    assertThat(valid).as("the seed reaches valid addresses too").isGreaterThan(100);
  }

  static OptionalLong plainRule(String s) {
    String[] p = s.split("\\.", -1);
    if (p.length != 4) return OptionalLong.empty();
    long v = 0;
    for (String o : p) {
      if (!o.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(o) > 255) return OptionalLong.empty();
      v = v << 8 | Integer.parseInt(o);
    }
    return OptionalLong.of(v);
  }

  @Test void parsesStrictlyAndFormatsBack() {
    assertThat(Ipv4.parse("10.43.0.1")).hasValue(0x0A2B0001L);
    assertThat(Ipv4.format(0xFFFFFFFFL)).isEqualTo("255.255.255.255");
    for (String bad : new String[] {"10.43.0", "10.43.0.256", "010.43.0.1", "10..0.1", "a.b.c.d", "+1.2.3.4", "::1", "",
        "1.2.3.4.", ".1.2.3", "1234.1.1.1", "1.2.3.4 ", "1.2.3.-4", "0.0.0.00"}) {
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
