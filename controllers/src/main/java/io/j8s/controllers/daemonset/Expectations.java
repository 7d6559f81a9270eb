package io.j8s.controllers.daemonset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes this controller made that the informer cache has not shown yet (upstream's
 * expectations): pods created on a node, pods deleted by name. Until the cache catches up (or
 * {@link #TIMEOUT} passes), a sync treats them as done, so a stale cache never causes a second
 * pod on a node or one deletion too many. Thread-safe.
 */
final class Expectations {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final Map<String, Map<String, Instant>> creates = new HashMap<>();
  private final Map<String, Map<String, Instant>> deletes = new HashMap<>();

  synchronized void created(String ds, String node, Instant now) {
    creates.computeIfAbsent(ds, k -> new HashMap<>()).put(node, now);
  }

  synchronized void deleted(String ds, String pod, Instant now) {
    deletes.computeIfAbsent(ds, k -> new HashMap<>()).put(pod, now);
  }

  /** Nodes with a create still in flight; those the cache now shows ({@code seen}) or that timed out are dropped. */
  synchronized Set<String> pendingCreates(String ds, Predicate<String> seen, Instant now) {
    return prune(creates, ds, seen, now);
  }

  /** Pods with a delete still in flight; those the cache shows gone or deleting ({@code seen}) or that timed out are dropped. */
  synchronized Set<String> pendingDeletes(String ds, Predicate<String> seen, Instant now) {
    return prune(deletes, ds, seen, now);
  }

  synchronized void forget(String ds) {
    creates.remove(ds);
    deletes.remove(ds);
  }

  private static Set<String> prune(Map<String, Map<String, Instant>> m, String ds, Predicate<String> seen, Instant now) {
    Map<String, Instant> mine = m.get(ds);
    if (mine == null) return Set.of();
    mine.entrySet().removeIf(e -> seen.test(e.getKey()) || !now.isBefore(e.getValue().plus(TIMEOUT)));
    if (mine.isEmpty()) m.remove(ds);
    return new HashSet<>(mine.keySet());
  }
}
