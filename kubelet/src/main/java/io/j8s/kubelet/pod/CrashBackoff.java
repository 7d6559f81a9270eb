package io.j8s.kubelet.pod;

import io.j8s.base.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key restart back-off as upstream's flowcontrol.Backoff used by the kubelet: the first restart
 * is immediate, then {@code initial} doubling up to {@code max}, measured from the moment the
 * container exited; an entry whose last restart is more than {@code 2 * max} before the exit
 * (the container ran that long) starts over. Thread-safe.
 */
public final class CrashBackoff {
  public static final Duration INITIAL = Duration.ofSeconds(10), MAX = Duration.ofMinutes(5);

  private record Entry(Duration backoff, Instant lastUpdate) {}

  private final Clock clock;
  private final Duration initial, max;
  private final Map<String, Entry> entries = new HashMap<>();

  public CrashBackoff(Clock clock) { this(clock, INITIAL, MAX); }

  public CrashBackoff(Clock clock, Duration initial, Duration max) {
    this.clock = clock;
    this.initial = initial;
    this.max = max;
  }

  /** How much longer the key must wait after an event (an exit) at {@code eventTime}; zero when it may go. */
  public synchronized Duration remaining(String key, Instant eventTime) {
    Entry e = entries.get(key);
    if (e == null || expired(eventTime, e)) return Duration.ZERO;
    Duration waited = Duration.between(eventTime, clock.now());
    Duration left = e.backoff.minus(waited);
    return left.isNegative() || left.isZero() ? Duration.ZERO : left;
  }

  /** Upstream's IsInBackOffSinceUpdate: how much of the back-off since the last {@link #next} is left (image pulls). */
  public synchronized Duration remainingSinceUpdate(String key) {
    Entry e = entries.get(key);
    Instant now = clock.now();
    if (e == null || expired(now, e)) return Duration.ZERO;
    Duration left = e.backoff.minus(Duration.between(e.lastUpdate, now));
    return left.isNegative() || left.isZero() ? Duration.ZERO : left;
  }

  /** The key's current back-off (the figure in the CrashLoopBackOff message). */
  public synchronized Duration current(String key) {
    Entry e = entries.get(key);
    return e == null ? initial : e.backoff;
  }

  /** Records a restart now: the next one waits twice as long (or {@code initial} after an expired entry). */
  public synchronized void next(String key, Instant eventTime) {
    Entry e = entries.get(key);
    Duration b = e == null || expired(eventTime, e) ? initial : min(e.backoff.multipliedBy(2), max);
    entries.put(key, new Entry(b, clock.now()));
  }

  /** Forgets keys with this prefix (a pod's keys when it is gone). */
  public synchronized void forgetPrefix(String prefix) { entries.keySet().removeIf(k -> k.startsWith(prefix)); }

  private boolean expired(Instant eventTime, Entry e) {
    return Duration.between(e.lastUpdate, eventTime).compareTo(max.multipliedBy(2)) > 0;
  }

  private static Duration min(Duration a, Duration b) { return a.compareTo(b) < 0 ? a : b; }

  /** Go's time.Duration.String() for whole seconds: "10s", "1m20s", "5m0s". */
  public static String goDuration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) return s + "s";
    long m = s / 60;
    if (m < 60) return m + "m" + (s % 60) + "s";
    return (m / 60) + "h" + (m % 60) + "m" + (s % 60) + "s";
  }
}
