package io.j8s.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CidrSetTest {
  @Test
  void cutsTheDefaultRangeIntoSlash24s() {
    CidrSet s = new CidrSet("10.42.0.0/16", 24);
    assertThat(s.capacity()).isEqualTo(256);
    assertThat(s.allocate()).contains("10.42.0.0/24");
    assertThat(s.allocate()).contains("10.42.1.0/24");
    assertThat(s.subnet(255)).isEqualTo("10.42.255.0/24");
  }

  @Test
  void hostBitsOfTheClusterCidrAreIgnored() {
    CidrSet s = new CidrSet("10.42.7.9/16", 24);
    assertThat(s.allocate()).contains("10.42.0.0/24");
  }

  @Test
  void smallSubnetsAndOddBoundaries() {
    CidrSet s = new CidrSet("192.168.0.0/23", 25);
    assertThat(s.capacity()).isEqualTo(4);
    assertThat(s.allocate()).contains("192.168.0.0/25");
    assertThat(s.allocate()).contains("192.168.0.128/25");
    assertThat(s.allocate()).contains("192.168.1.0/25");
    assertThat(s.allocate()).contains("192.168.1.128/25");
    assertThat(s.allocate()).isEmpty();
  }

  @Test
  void maskEqualToPrefixGivesOneSubnet() {
    CidrSet s = new CidrSet("10.0.0.0/24", 24);
    assertThat(s.allocate()).contains("10.0.0.0/24");
    assertThat(s.allocate()).isEmpty();
  }

  @Test
  void fullRangeThenReleaseGivesTheFreedSubnet() {
    CidrSet s = new CidrSet("10.0.0.0/22", 24);
    for (int i = 0; i < 4; i++) assertThat(s.allocate()).isPresent();
    assertThat(s.allocate()).isEmpty();
    s.release("10.0.2.0/24");
    assertThat(s.allocatedCount()).isEqualTo(3);
    assertThat(s.allocate()).contains("10.0.2.0/24");
  }

  @Test
  void nextFitDoesNotReuseAJustReleasedSubnetWhileOthersAreFree() {
    CidrSet s = new CidrSet("10.0.0.0/22", 24);
    assertThat(s.allocate()).contains("10.0.0.0/24");
    s.release("10.0.0.0/24");
    assertThat(s.allocate()).contains("10.0.1.0/24");
    assertThat(s.allocate()).contains("10.0.2.0/24");
    assertThat(s.allocate()).contains("10.0.3.0/24");
    assertThat(s.allocate()).contains("10.0.0.0/24"); // wraps around
  }

  @Test
  void occupySkipsTakenSubnets() {
    CidrSet s = new CidrSet("10.42.0.0/16", 24);
    assertThat(s.occupy("10.42.0.0/24")).isTrue();
    assertThat(s.occupy("10.42.1.0/24")).isTrue();
    assertThat(s.allocate()).contains("10.42.2.0/24");
    assertThat(s.isUsed("10.42.1.0/24")).isTrue();
    assertThat(s.isUsed("10.42.3.0/24")).isFalse();
  }

  @Test
  void occupyOutsideTheRangeIsRefusedAndMarksNothing() {
    CidrSet s = new CidrSet("10.42.0.0/16", 24);
    assertThat(s.occupy("10.99.0.0/24")).isFalse();
    assertThat(s.occupy("10.41.255.0/24")).isFalse();
    assertThat(s.allocatedCount()).isZero();
    s.release("10.99.0.0/24"); // ignored
    assertThat(s.allocatedCount()).isZero();
  }

  @Test
  void occupyOfALargerRangeMarksEverySubnetItCovers() {
    CidrSet s = new CidrSet("10.42.0.0/16", 24);
    assertThat(s.occupy("10.42.4.0/22")).isTrue();
    assertThat(s.allocatedCount()).isEqualTo(4);
    assertThat(s.occupy("10.0.0.0/8")).isTrue(); // overlaps the whole range
    assertThat(s.allocate()).isEmpty();
  }

  @Test
  void occupyOfASmallerRangeMarksTheSubnetHoldingIt() {
    CidrSet s = new CidrSet("10.42.0.0/16", 24);
    assertThat(s.occupy("10.42.9.128/25")).isTrue();
    assertThat(s.isUsed("10.42.9.0/24")).isTrue();
    assertThat(s.allocatedCount()).isEqualTo(1);
    assertThat(s.occupy("10.42.9.0/26")).isTrue();
    assertThat(s.allocatedCount()).isEqualTo(1);
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> new CidrSet("10.42.0.0/16", 15)).hasMessageContaining("mask size 15");
    assertThatThrownBy(() -> new CidrSet("10.42.0.0/16", 33)).hasMessageContaining("mask size 33");
    assertThatThrownBy(() -> new CidrSet("10.0.0.0/8", 30)).hasMessageContaining("more than 2^20");
    assertThatThrownBy(() -> new CidrSet("fd00::/48", 64)).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> new CidrSet("10.42.0.0", 24)).hasMessageContaining("not a CIDR");
    assertThatThrownBy(() -> new CidrSet("10.42.0.256/16", 24)).hasMessageContaining("not an IPv4 CIDR");
    assertThatThrownBy(() -> new CidrSet("10.42..0/16", 24)).hasMessageContaining("not an IPv4 CIDR");
    assertThatThrownBy(() -> new CidrSet("10.42.0.0/40", 24)).hasMessageContaining("prefix length");
  }

  @Test
  void randomAllocateReleaseNeverHandsOutATakenSubnet() {
    Random rnd = new Random(42);
    CidrSet s = new CidrSet("10.1.0.0/20", 26);
    Set<String> held = new HashSet<>();
    for (int step = 0; step < 20_000; step++) {
      if (rnd.nextInt(3) > 0) {
        Optional<String> c = s.allocate();
        if (held.size() == s.capacity()) assertThat(c).isEmpty();
        else assertThat(held.add(c.orElseThrow())).as("%s handed out twice", c).isTrue();
      } else if (!held.isEmpty()) {
        String c = held.iterator().next();
        held.remove(c);
        s.release(c);
      }
      assertThat(s.allocatedCount()).isEqualTo(held.size());
    }
  }
}
