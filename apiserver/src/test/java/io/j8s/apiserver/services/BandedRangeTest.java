package io.j8s.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BandedRangeTest {

  @Test
  void staticBandForServiceCidrsIsMinMax16Over16Cap256() {
    assertThat(BandedRange.staticBand(1L << 16, 16, 256, 16)).as("/16").isEqualTo(256);
    assertThat(BandedRange.staticBand(1L << 12, 16, 256, 16)).as("/20").isEqualTo(256);
    assertThat(BandedRange.staticBand(1L << 11, 16, 256, 16)).as("/21").isEqualTo(128);
    assertThat(BandedRange.staticBand(1L << 8, 16, 256, 16)).as("/24").isEqualTo(16);
    assertThat(BandedRange.staticBand(1L << 5, 16, 256, 16)).as("/27").isEqualTo(16);
    assertThat(BandedRange.staticBand(1L << 4, 16, 256, 16)).as("/28: too small for a band").isZero();
    assertThat(BandedRange.staticBand(1L << 20, 16, 256, 16)).as("/12").isEqualTo(256);
  }

  @Test
  void staticBandForNodePortsIsMinMax16Over32Cap128() {
    assertThat(BandedRange.staticBand(2768, 16, 128, 32)).isEqualTo(86);
    assertThat(BandedRange.staticBand(100, 16, 128, 32)).isEqualTo(16);
    assertThat(BandedRange.staticBand(16, 16, 128, 32)).isZero();
    assertThat(BandedRange.staticBand(10_000, 16, 128, 32)).isEqualTo(128);
  }

  @Test
  void picksOnlyFromTheUpperBandWhileItHasRoom() {
    BandedRange r = new BandedRange(1000, 100);
    Random random = new Random(42);
    BitSet taken = new BitSet();
    for (int i = 0; i < 900; i++) {
      int o = r.pick(taken, random).orElseThrow();
      assertThat(o).isBetween(100, 999);
      assertThat(taken.get(o)).isFalse();
      taken.set(o);
    }
    int next = r.pick(taken, random).orElseThrow();
    assertThat(r.inStaticBand(next)).as("upper band full: the static band is the fallback").isTrue();
  }

  @Test
  void everyOffsetIsHandedOutOnceThenTheRangeIsFull() {
    BandedRange r = new BandedRange(50, 16);
    Random random = new Random(7);
    BitSet taken = new BitSet();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int o = r.pick(taken, random).orElseThrow();
      assertThat(seen.add(o)).isTrue();
      if (i < 34) assertThat(o).isGreaterThanOrEqualTo(16);
      else assertThat(o).isLessThan(16);
      taken.set(o);
    }
    assertThat(r.pick(taken, random)).isEqualTo(OptionalInt.empty());
  }

  @Test
  void scanWrapsAroundToFindTheOnlyFreeOffset() {
    BandedRange r = new BandedRange(20, 0);
    for (int free = 0; free < 20; free++) {
      BitSet taken = new BitSet();
      taken.set(0, 20);
      taken.clear(free);
      for (int seed = 0; seed < 20; seed++) assertThat(r.pick(taken, new Random(seed)).orElseThrow()).isEqualTo(free);
    }
  }

  @Test
  void rangeWithoutBandOrWithoutUpperPart() {
    assertThat(new BandedRange(0, 0).pick(new BitSet(), new Random())).isEmpty();
    assertThat(new BandedRange(5, 5).pick(new BitSet(), new Random(1)).orElseThrow()).isBetween(0, 4);
    assertThatThrownBy(() -> new BandedRange(5, 6)).isInstanceOf(IllegalArgumentException.class);
  }
}
