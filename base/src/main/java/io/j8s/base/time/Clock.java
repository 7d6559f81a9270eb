package io.j8s.base.time;

import java.time.Instant;

/** A source of monotonic time (for durations) and wall time (for timestamps written to objects). */
public interface Clock {
  /** Monotonic nanoseconds; only differences mean anything. */
  long nanoTime();

  /** Wall-clock time. */
  Instant now();

  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** The JVM's clocks. */
  enum SystemClock implements Clock {
    INSTANCE;

    @Override public long nanoTime() { return System.nanoTime(); }

    @Override public Instant now() { return Instant.now(); }
  }
}
