package io.j8s.kubelet.stats;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds (seconds), thread-safe and lock-free. */
public final class Histogram {
  /** Upstream's kubelet_pod_start_duration_seconds buckets. */
  public static final double[] POD_START_BUCKETS = {0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480,
      600, 900, 1200, 1800, 2700, 3600};
  /** Prometheus's default buckets (upstream's pod worker and runtime operation durations use them). */
  public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final double[] bounds;
  private final LongAdder[] counts;
  private final LongAdder count = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  public Histogram(double[] bounds) {
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length];
    for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
  }

  public void observe(double seconds) {
    int i = Arrays.binarySearch(bounds, seconds);
    if (i < 0) i = -i - 1;
    if (i < counts.length) counts[i].increment();
    count.increment();
    sum.add(seconds);
  }

  /** Cumulative counts per bound (the last entry is +Inf), the sum and the count, as one consistent-enough view. */
  public record View(double[] bounds, long[] cumulative, double sum, long count) {}

  public View view() {
    long[] cum = new long[bounds.length + 1];
    long run = 0;
    for (int i = 0; i < bounds.length; i++) {
      run += counts[i].sum();
      cum[i] = run;
    }
    long n = count.sum();
    cum[bounds.length] = Math.max(n, run);
    return new View(bounds.clone(), cum, sum.sum(), cum[bounds.length]);
  }
}
