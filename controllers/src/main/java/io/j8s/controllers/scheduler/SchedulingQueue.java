package io.j8s.controllers.scheduler;

import io.j8s.base.queue.Backoff;
import io.j8s.base.time.Clock;
import io.j8s.controllers.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Upstream's three-part scheduling queue, single-threaded (the engine owns it): the active queue
 * (highest priority first, then oldest), the backoff queue (a pod that failed waits 1 s doubling
 * to 10 s per attempt), and the unschedulable pool, which a cluster change ({@link #moveAll}) or
 * {@link #UNSCHEDULABLE_FLUSH} of waiting sends back through backoff. A pod popped is in flight
 * until {@link #done}, {@link #unschedulable} or {@link #retry}; a change to the cluster while it
 * was in flight sends a failed pod to backoff instead of the pool, so no change is missed.
 */
public final class SchedulingQueue {
  public static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
  public static final Duration UNSCHEDULABLE_FLUSH = Duration.ofSeconds(30);

  /** One pod's place in the queue. */
  static final class Entry {
    PodInfo pod;
    int attempts;
    long backoffUntil;
    long since;
    long seq;
    long moveSeqAtPop;
    Set<String> failedOn = Set.of();

    Entry(PodInfo pod) {
      this.pod = pod;
    }
  }

  private final Clock clock;
  private final Map<String, Entry> active = new HashMap<>();
  private final PriorityQueue<Entry> activeQ = new PriorityQueue<>(
      Comparator.<Entry>comparingInt(e -> -e.pod.priority()).thenComparingLong(e -> e.since).thenComparingLong(e -> e.seq));
  private final Map<String, Entry> backoff = new HashMap<>();
  private final PriorityQueue<Entry> backoffQ = new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.backoffUntil).thenComparingLong(e -> e.seq));
  private final Map<String, Entry> unschedulable = new LinkedHashMap<>();
  private final Map<String, Entry> inFlight = new HashMap<>();
  private long seq;
  private long moveSeq;

  public SchedulingQueue(Clock clock) {
    this.clock = clock;
  }

  /** A new or changed pending pod: queued if new; a changed pod waiting as unschedulable gets another try. */
  public void upsert(PodInfo pod) {
    String k = pod.key();
    Entry e = inFlight.get(k);
    if (e == null) e = active.get(k);
    if (e == null) e = backoff.get(k);
    if (e != null) {
      e.pod = pod;
      return;
    }
    e = unschedulable.remove(k);
    if (e != null) {
      e.pod = pod;
      requeue(e);
      return;
    }
    e = new Entry(pod);
    e.since = clock.nanoTime();
    toActive(e);
  }

  public void delete(String key) {
    inFlight.remove(key);
    unschedulable.remove(key);
    Entry e = active.remove(key);
    if (e != null) activeQ.remove(e);
    e = backoff.remove(key);
    if (e != null) backoffQ.remove(e);
  }

  public boolean contains(String key) {
    return inFlight.containsKey(key) || active.containsKey(key) || backoff.containsKey(key) || unschedulable.containsKey(key);
  }

  /** The next pod to schedule, now in flight; empty when none is ready. */
  public Optional<PodInfo> pop() {
    flush();
    Entry e = activeQ.poll();
    if (e == null) return Optional.empty();
    active.remove(e.pod.key());
    e.attempts++;
    e.moveSeqAtPop = moveSeq;
    inFlight.put(e.pod.key(), e);
    return Optional.of(e.pod);
  }

  /** The in-flight pod was bound (or is no longer ours). */
  public void done(String key) {
    inFlight.remove(key);
  }

  /** The in-flight pod fits nowhere; {@code failedOn} names the filters that rejected it (for {@link #moveAll}). */
  public void unschedulable(String key, Set<String> failedOn) {
    Entry e = inFlight.remove(key);
    if (e == null) return;
    e.failedOn = failedOn;
    e.backoffUntil = clock.nanoTime() + BACKOFF.delay(e.attempts - 1).toNanos();
    if (moveSeq != e.moveSeqAtPop) {
      toBackoff(e);
    } else {
      e.since = clock.nanoTime();
      unschedulable.put(key, e);
    }
  }

  /** The in-flight pod failed for another reason (binding): try again after its backoff. */
  public void retry(String key) {
    Entry e = inFlight.remove(key);
    if (e == null) return;
    e.backoffUntil = clock.nanoTime() + BACKOFF.delay(e.attempts - 1).toNanos();
    toBackoff(e);
  }

  /** A cluster change: unschedulable pods that {@code relevant} accepts (by the filters that failed them) go back through backoff. */
  public void moveAll(Predicate<Set<String>> relevant) {
    moveSeq++;
    for (Iterator<Entry> it = unschedulable.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (!relevant.test(e.failedOn)) continue;
      it.remove();
      requeue(e);
    }
  }

  /** When the queue next has something to do on its own (a backoff ends or the pool is flushed). */
  public Optional<Long> nextDueNanos() {
    long due = Long.MAX_VALUE;
    Entry b = backoffQ.peek();
    if (b != null) due = b.backoffUntil;
    for (Entry e : unschedulable.values()) {
      due = Math.min(due, e.since + UNSCHEDULABLE_FLUSH.toNanos());
      break; // insertion order: the first is the oldest
    }
    return due == Long.MAX_VALUE ? Optional.empty() : Optional.of(due);
  }

  public boolean hasReady() {
    flush();
    return !activeQ.isEmpty();
  }

  public int pending() {
    return active.size() + backoff.size() + unschedulable.size() + inFlight.size();
  }

  public int unschedulableCount() {
    return unschedulable.size();
  }

  private void flush() {
    long now = clock.nanoTime();
    for (Entry e = backoffQ.peek(); e != null && e.backoffUntil <= now; e = backoffQ.peek()) {
      backoffQ.poll();
      backoff.remove(e.pod.key());
      toActive(e);
    }
    for (Iterator<Entry> it = unschedulable.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (now - e.since < UNSCHEDULABLE_FLUSH.toNanos()) break;
      it.remove();
      requeue(e);
    }
  }

  private void requeue(Entry e) {
    if (clock.nanoTime() < e.backoffUntil) toBackoff(e);
    else toActive(e);
  }

  private void toActive(Entry e) {
    e.seq = seq++;
    active.put(e.pod.key(), e);
    activeQ.add(e);
  }

  private void toBackoff(Entry e) {
    e.seq = seq++;
    backoff.put(e.pod.key(), e);
    backoffQ.add(e);
  }
}
