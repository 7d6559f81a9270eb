package io.j8s.kubelet.node;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step on its own virtual thread until closed; the step returns how long to wait before
 * the next run. A step that throws is logged and retried after a back-off (doubling from
 * {@code minBackoff} to {@code maxBackoff}), so an API error never ends the loop.
 */
final class PeriodicLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicLoop.class);

  private final String name;
  private final Callable<Duration> step;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean woken;

  PeriodicLoop(String name, Callable<Duration> step, Duration minBackoff, Duration maxBackoff) {
    this.name = name;
    this.step = step;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  PeriodicLoop start() {
    thread.start();
    return this;
  }

  /** Runs the step now instead of at the end of the current wait. */
  void wake() {
    woken = true;
    LockSupport.unpark(thread);
  }

  private void run() {
    Duration backoff = minBackoff;
    while (!closed) {
      Duration wait;
      try {
        wait = step.call();
        backoff = minBackoff;
      } catch (InterruptedException e) {
        return;
      } catch (Exception | Error e) {
        if (closed) return;
        LOG.warn("{}: {} (retrying in {} ms)", name, e.toString(), backoff.toMillis());
        wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      }
      sleep(wait);
    }
  }

  private void sleep(Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    while (!closed && !woken) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      LockSupport.parkNanos(left);
    }
    woken = false;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
