package io.j8s.base.queue;

import java.time.Duration;

/** Exponential backoff: {@code base * 2^failures}, capped at {@code max}. */
public record Backoff(Duration base, Duration max) {
  /** The usual control-loop retry: 5 ms doubling up to 1000 s. */
  public static final Backoff CONTROLLER = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1000));

  public Duration delay(int failures) {
    if (failures >= 40) return max;
    Duration d = base.multipliedBy(1L << Math.max(0, failures));
    return d.compareTo(max) > 0 ? max : d;
  }
}
