package io.j8s.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as percentiles in milliseconds. */
final class Stats {
  private final long[] samples;

  Stats(long[] samples) {
    this.samples = samples.clone();
    Arrays.sort(this.samples);
  }

  double percentileMillis(double p) {
    if (samples.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * samples.length) - 1;
    return samples[Math.max(0, Math.min(samples.length - 1, i))] / 1e6;
  }
}
