package io.j8s.kubelet.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns cumulative CPU counters into rates (nanocores) from the previous sample of the same
 * object, as upstream's CRI stats provider caches them; samples older than 10 minutes are dropped.
 */
final class CpuRates {
  private record Sample(Instant time, long usage) {}

  private final Map<String, Sample> last = new ConcurrentHashMap<>();

  /** The CPU value with its rate; the rate is null for the first sample or a counter that went back (a new object). */
  StatsSnapshot.Cpu cpu(String key, Instant time, Long usageCoreNanos) {
    if (usageCoreNanos == null) return new StatsSnapshot.Cpu(time, null, null);
    Sample prev = last.put(key, new Sample(time, usageCoreNanos));
    Long rate = null;
    if (prev != null && time.isAfter(prev.time()) && usageCoreNanos >= prev.usage()) {
      long nanos = Duration.between(prev.time(), time).toNanos();
      rate = (long) ((usageCoreNanos - prev.usage()) * 1e9 / nanos);
    }
    return new StatsSnapshot.Cpu(time, usageCoreNanos, rate);
  }

  void prune(Instant now) { last.values().removeIf(s -> s.time().isBefore(now.minus(Duration.ofMinutes(10)))); }
}
