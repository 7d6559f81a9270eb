package io.j8s.proxy.sync;

import io.j8s.base.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs syncs on one dedicated thread as a {@link SyncSchedule} says: {@link #trigger()} never
 * blocks (informer handlers call it), syncs never overlap, and changes that arrive during a sync
 * are batched into the next one. Uses the clock for time and really sleeps, so it needs a clock
 * that moves by itself (simulations drive {@link SyncSchedule} instead).
 */
public final class SyncRunner implements AutoCloseable {
  /** One sync; throwing counts as a failure (retried as a full sync). */
  public interface SyncFunction {
    void sync(SyncKind kind) throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  private final Clock clock;
  private final SyncSchedule schedule;
  private final SyncFunction fn;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread thread;
  private volatile boolean closed;

  public SyncRunner(String name, Clock clock, SyncSettings settings, SyncFunction fn) {
    this.clock = clock;
    this.schedule = new SyncSchedule(settings);
    this.fn = fn;
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
  }

  public SyncRunner start() {
    thread.start();
    return this;
  }

  public void trigger() {
    lock.lock();
    try {
      schedule.trigger();
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  public void requestFull() {
    lock.lock();
    try {
      schedule.requestFull();
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (!closed) {
      SyncKind kind;
      lock.lock();
      try {
        long now = clock.nanoTime();
        Optional<SyncKind> k = schedule.poll(now);
        if (k.isEmpty()) {
          long due = schedule.dueAt();
          long wait = due == Long.MAX_VALUE ? TimeUnit.MINUTES.toNanos(1) : Math.max(1, due - now);
          wake.awaitNanos(Math.min(wait, TimeUnit.MINUTES.toNanos(1)));
          continue;
        }
        kind = k.get();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      boolean ok = false;
      try {
        fn.sync(kind);
        ok = true;
      } catch (InterruptedException e) {
        if (closed) return;
      } catch (Exception | LinkageError e) {
        LOG.warn("{} sync failed (the next one is full): {}", kind.label(), e.toString());
      }
      lock.lock();
      try {
        schedule.finished(clock.nanoTime(), kind, ok);
      } finally {
        lock.unlock();
      }
    }
  }

  @Override public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
