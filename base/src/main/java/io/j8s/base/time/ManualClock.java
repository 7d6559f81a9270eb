package io.j8s.base.time;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when told to; for deterministic simulations. Thread-safe. */
public final class ManualClock implements Clock {
  private final Instant origin;
  private long nanos;

  public ManualClock(Instant origin) {
    this.origin = origin;
  }

  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override public synchronized long nanoTime() { return nanos; }

  @Override public synchronized Instant now() { return origin.plusNanos(nanos); }

  public synchronized void advance(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("time does not run backwards: " + d);
    nanos += d.toNanos();
  }
}
