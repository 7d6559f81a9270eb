package io.j8s.controllers.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods the scheduler has assumed onto a node, each under the number of the attempt that
 * assumed it, so a binding's late answer cannot touch a newer attempt. While its binding is
 * unanswered an assumption has a deadline; past it the assumption is dropped (the pod stops
 * counting against the node and is tried again), so a binding call that never returns cannot
 * hold node room, or the pod, forever. Once the API has accepted the binding, the assumption
 * stays until the informer shows the pod bound or deleted, with no deadline: upstream gave up
 * expiring bound assumptions (kubernetes#106361) because an informer that lags past the
 * deadline lets another pod take the same room. Owned by the scheduling thread.
 */
final class AssumedPods {
  private record Assumption(String node, long attempt, long deadlineNanos, boolean bound) {}

  private record Due(String key, long attempt, long deadlineNanos) {}

  private final Map<String, Assumption> byKey = new HashMap<>();
  /** Deadlines in the order given; with one timeout and a monotonic clock that is deadline order. */
  private final ArrayDeque<Due> dues = new ArrayDeque<>();
  private long attempts;

  /** Assumes {@code key} onto {@code node}; returns the attempt number its binding answers with. */
  long assume(String key, String node, long nowNanos, long timeoutNanos) {
    long attempt = ++attempts;
    byKey.put(key, new Assumption(node, attempt, nowNanos + timeoutNanos, false));
    dues.add(new Due(key, attempt, nowNanos + timeoutNanos));
    return attempt;
  }

  boolean contains(String key) { return byKey.containsKey(key); }

  /** The API accepted this attempt's binding: no deadline any more. False if the attempt is not current. */
  boolean bound(String key, long attempt) {
    Assumption a = byKey.get(key);
    if (a == null || a.attempt() != attempt) return false;
    byKey.put(key, new Assumption(a.node(), attempt, a.deadlineNanos(), true));
    return true;
  }

  /** This attempt's binding failed: forgotten if it is the current attempt (true), else ignored. */
  boolean failed(String key, long attempt) {
    Assumption a = byKey.get(key);
    if (a == null || a.attempt() != attempt) return false;
    byKey.remove(key);
    return true;
  }

  /** The informer has the final word (bound or deleted). */
  void forget(String key) { byKey.remove(key); }

  /** Drops, and returns, the assumptions whose binding is still unanswered at their deadline. */
  List<String> expire(long nowNanos) {
    List<String> out = new ArrayList<>();
    while (!dues.isEmpty() && dues.peek().deadlineNanos() <= nowNanos) {
      Due d = dues.poll();
      Assumption a = byKey.get(d.key());
      if (a != null && a.attempt() == d.attempt() && !a.bound()) {
        byKey.remove(d.key());
        out.add(d.key());
      }
    }
    return out;
  }

  /** The next deadline (possibly of an assumption already settled: waking early is harmless). */
  Optional<Long> nextDeadlineNanos() {
    return dues.isEmpty() ? Optional.empty() : Optional.of(dues.peek().deadlineNanos());
  }
}
