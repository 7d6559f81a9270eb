package io.j8s.apiserver.services;

import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Offsets {@code [0, size)} of an allocation range whose first {@code reserved} offsets form a
 * static band: dynamic picks come from the upper band, at a random start scanning upwards, and
 * fall back to the static band only when the upper one is full. Explicit requests may take any
 * offset. This is upstream's bitmap strategy with offset.
 */
record BandedRange(int size, int reserved) {
  BandedRange {
    if (size < 0 || reserved < 0 || reserved > size) throw new IllegalArgumentException("bad range " + size + "/" + reserved);
  }

  /** {@code min(max(min, size/step), max)}, or 0 when the whole range is {@code <= min}. */
  static int staticBand(long size, int min, int max, int step) {
    if (size <= min) return 0;
    long offset = size / step;
    if (offset < min) return min;
    return (int) Math.min(offset, max);
  }

  /** A free offset (a clear bit in {@code taken}), upper band first; empty when all are taken. */
  OptionalInt pick(BitSet taken, RandomGenerator random) {
    int upper = size - reserved;
    if (upper > 0) {
      int start = random.nextInt(upper);
      int at = scan(taken, reserved, upper, start);
      if (at >= 0) return OptionalInt.of(at);
    }
    if (reserved > 0) {
      int at = scan(taken, 0, reserved, random.nextInt(reserved));
      if (at >= 0) return OptionalInt.of(at);
    }
    return OptionalInt.empty();
  }

  /** The first clear bit of {@code [from, from+length)} at or after {@code from+start}, wrapping. */
  private static int scan(BitSet taken, int from, int length, int start) {
    int end = from + length;
    int at = taken.nextClearBit(from + start);
    if (at < end) return at;
    at = taken.nextClearBit(from);
    return at < from + start ? at : -1;
  }

  boolean inStaticBand(int offset) { return offset < reserved; }
}
