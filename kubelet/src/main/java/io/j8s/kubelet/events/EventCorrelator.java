package io.j8s.kubelet.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decides per event whether to write a new Event, raise the count of a recent identical one, or drop it (spam filter); pure. */
public final class EventCorrelator {
  static final Duration SIMILAR_WINDOW = Duration.ofMinutes(10);
  static final int BURST = 25;
  static final Duration REFILL = Duration.ofMinutes(5);
  static final int MAX_KEYS = 4096;

  /** What identifies a repeat: object, field path, type, reason and message. */
  public record Key(String objectUid, String fieldPath, String type, String reason, String message) {}

  public sealed interface Decision {
    /** Write a new Event named {@code name}. */
    record Create(String name) implements Decision {}

    /** Raise the count of the Event {@code name} (first seen at {@code first}) to {@code count}. */
    record Update(String name, int count, Instant first) implements Decision {}

    /** The object has caused too many events lately. */
    record Drop() implements Decision {}
  }

  private record Seen(String name, int count, Instant first, Instant last) {}

  private record Bucket(double tokens, Instant at) {}

  private final Map<Key, Seen> seen = lru();
  private final Map<String, Bucket> buckets = lru();
  private long sequence;

  public synchronized Decision observe(Key key, String objectName, Instant now) {
    Bucket b = buckets.get(key.objectUid());
    double tokens = b == null ? BURST : Math.min(BURST, b.tokens() + (double) Duration.between(b.at(), now).toMillis() / REFILL.toMillis());
    if (tokens < 1) {
      buckets.put(key.objectUid(), new Bucket(tokens, now));
      return new Decision.Drop();
    }
    buckets.put(key.objectUid(), new Bucket(tokens - 1, now));
    Seen s = seen.get(key);
    if (s != null && Duration.between(s.last(), now).compareTo(SIMILAR_WINDOW) <= 0) {
      Seen next = new Seen(s.name(), s.count() + 1, s.first(), now);
      seen.put(key, next);
      return new Decision.Update(next.name(), next.count(), next.first());
    }
    // upstream's names: <object>.<hex of the time in nanoseconds>, unique per process here
    String name = objectName + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano() + (sequence++ % 1000));
    seen.put(key, new Seen(name, 1, now, now));
    return new Decision.Create(name);
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override protected boolean removeEldestEntry(Map.Entry<K, V> e) { return size() > MAX_KEYS; }
    };
  }
}
