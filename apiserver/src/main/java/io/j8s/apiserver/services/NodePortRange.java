package io.j8s.apiserver.services;

import java.util.OptionalInt;

/**
 * The NodePort range ("30000-32767"); its static band is {@code min(max(16, size/32), 128)}
 * ports (upstream's), none for ranges of 16 or fewer.
 */
record NodePortRange(int first, int last, BandedRange offsets) {

  static NodePortRange parse(String spec) {
    String[] p = spec.trim().split("-", -1);
    int first;
    int last;
    try {
      if (p.length != 2) throw new NumberFormatException();
      first = Integer.parseInt(p[0].trim());
      last = Integer.parseInt(p[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("NodePort range \"" + spec + "\" is not of the form first-last, e.g. 30000-32767");
    }
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("NodePort range \"" + spec + "\" must be ports 1-65535, first <= last");
    }
    int size = last - first + 1;
    return new NodePortRange(first, last, new BandedRange(size, BandedRange.staticBand(size, 16, 128, 32)));
  }

  OptionalInt offsetOf(int port) {
    return port >= first && port <= last ? OptionalInt.of(port - first) : OptionalInt.empty();
  }

  int port(int offset) { return first + offset; }

  @Override public String toString() { return first + "-" + last; }
}
