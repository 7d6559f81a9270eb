package io.j8s.controllers.workload;

import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller has asked for and not yet seen in its cache (upstream's
 * UIDTrackingControllerExpectations): pod creations by count, deletions by pod key. A key is
 * synced only when nothing is outstanding, so a stale cache never makes it create twice.
 * Records older than five minutes count as satisfied (a lost watch event must not wedge a key).
 */
final class Expectations {
  static final Duration TTL = Duration.ofMinutes(5);
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private static final class Entry {
    int adds;
    final Set<String> deletes = new HashSet<>();
    final long since;

    Entry(long since) { this.since = since; }
  }

  Expectations(Clock clock) { this.clock = clock; }

  boolean satisfied(String key) {
    Entry e = entries.get(key);
    if (e == null) return true;
    synchronized (e) {
      return (e.adds <= 0 && e.deletes.isEmpty()) || clock.nanoTime() - e.since > TTL.toNanos();
    }
  }

  void expectCreations(String key, int n) {
    Entry e = new Entry(clock.nanoTime());
    e.adds = n;
    entries.put(key, e);
  }

  void expectDeletions(String key, Set<String> podKeys) {
    Entry e = new Entry(clock.nanoTime());
    e.deletes.addAll(podKeys);
    entries.put(key, e);
  }

  /** A pod this key created appeared in the cache, or a create failed and will not appear. */
  void creationObserved(String key) {
    Entry e = entries.get(key);
    if (e != null) synchronized (e) { e.adds--; }
  }

  void lowerCreations(String key, int n) {
    for (int i = 0; i < n; i++) creationObserved(key);
  }

  /** A pod this key deleted is gone or terminating, or its delete failed. */
  void deletionObserved(String key, String podKey) {
    Entry e = entries.get(key);
    if (e != null) synchronized (e) { e.deletes.remove(podKey); }
  }

  void forget(String key) { entries.remove(key); }
}
