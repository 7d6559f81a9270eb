package io.j8s.base.queue;

import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating, delaying, rate-limited queue of keys.
 *
 * <ul>
 *   <li>{@link #add} queues a key unless it is already queued; a key being processed is marked
 *       dirty and queued again by {@link #done}, so two workers never hold the same key.
 *   <li>{@link #addAfter} queues it once the delay has passed (an earlier due time wins).
 *   <li>{@link #addRateLimited} delays it by the key's backoff, which grows with each call
 *       until {@link #forget}.
 * </ul>
 * Time comes from a {@link Clock}: {@link #take} waits in real time, {@link #poll} never waits,
 * so a simulation with a manual clock uses {@link #poll} and {@link #nextDue}.
 */
public final class WorkQueue<K> {
  private record Delayed<K>(long dueNanos, long seq, K key) {}

  private final Clock clock;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final LinkedHashSet<K> ready = new LinkedHashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirty = new HashSet<>();
  private final PriorityQueue<Delayed<K>> waiting =
      new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
  private final Map<K, Long> waitingDue = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private long seq;
  private boolean shutDown;

  public WorkQueue(Clock clock, Backoff backoff) {
    this.clock = clock;
    this.backoff = backoff;
  }

  public void add(K key) {
    lock.lock();
    try {
      if (shutDown) return;
      if (processing.contains(key)) dirty.add(key);
      else if (ready.add(key)) changed.signal();
    } finally {
      lock.unlock();
    }
  }

  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shutDown) return;
      long due = clock.nanoTime() + delay.toNanos();
      Long current = waitingDue.get(key);
      if (current != null && current <= due) return;
      waitingDue.put(key, due);
      waiting.add(new Delayed<>(due, seq++, key));
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues the key after its backoff and counts one more failure for it. */
  public void addRateLimited(K key) {
    int n;
    lock.lock();
    try {
      n = failures.merge(key, 1, Integer::sum) - 1;
    } finally {
      lock.unlock();
    }
    addAfter(key, backoff.delay(n));
  }

  /** Resets the key's backoff (call after a success). */
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  /** The next ready key without waiting, or empty. The caller must call {@link #done} with it. */
  public Optional<K> poll() {
    lock.lock();
    try {
      promoteDue();
      return Optional.ofNullable(next());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a ready key; empty once the queue is shut down. The caller must call
   * {@link #done} with it.
   */
  public Optional<K> take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (shutDown) return Optional.empty();
        promoteDue();
        K k = next();
        if (k != null) return Optional.of(k);
        Delayed<K> head = waiting.peek();
        if (head == null) changed.await();
        else changed.await(Math.max(1, head.dueNanos - clock.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends processing of a key; queues it again if it was added meanwhile. */
  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.remove(key) && !shutDown && ready.add(key)) changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Monotonic time at which the earliest delayed key becomes ready, if any. */
  public Optional<Long> nextDue() {
    lock.lock();
    try {
      Delayed<K> head = waiting.peek();
      return head == null ? Optional.empty() : Optional.of(head.dueNanos);
    } finally {
      lock.unlock();
    }
  }

  /** Keys ready now (not counting delayed ones or those being processed). */
  public int depth() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private K next() {
    var it = ready.iterator();
    if (!it.hasNext()) return null;
    K k = it.next();
    it.remove();
    processing.add(k);
    return k;
  }

  private void promoteDue() {
    long now = clock.nanoTime();
    while (!waiting.isEmpty() && waiting.peek().dueNanos <= now) {
      Delayed<K> d = waiting.poll();
      if (!Long.valueOf(d.dueNanos).equals(waitingDue.get(d.key))) continue; // superseded by an earlier due time
      waitingDue.remove(d.key);
      if (processing.contains(d.key)) dirty.add(d.key);
      else ready.add(d.key);
    }
  }
}
