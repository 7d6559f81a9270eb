package io.j8s.proxy.sync;

import java.util.Optional;

/**
 * When to sync, as pure state over a monotonic clock (upstream's BoundedFrequencyRunner plus the
 * proxier's full/partial choice). Not thread-safe: {@link SyncRunner} guards it, simulations drive
 * it directly with a manual clock. Protocol: {@link #trigger()} on changes; {@link #poll(long)}
 * returns the kind of sync to run now, if one is due, and marks it started; the caller runs it
 * and reports {@link #finished(long, SyncKind, boolean)}. {@link #dueAt()} says when to poll next.
 */
public final class SyncSchedule {
  private final long minNanos;
  private final long periodNanos;
  private final long fullNanos;
  private boolean started;
  private long lastStart;
  private long lastFullSuccess;
  private boolean everFull;
  private boolean pending;
  private boolean needFull = true;
  private int failures;
  private boolean running;

  public SyncSchedule(SyncSettings s) {
    this.minNanos = s.minSyncPeriod().toNanos();
    this.periodNanos = s.syncPeriod().toNanos();
    this.fullNanos = s.fullSyncPeriod().toNanos();
  }

  /** Something changed: sync soon (not before minSyncPeriod after the previous start). */
  public void trigger() {
    pending = true;
  }

  /** The next sync must be full (e.g. the host's rules were found altered). */
  public void requestFull() {
    needFull = true;
    pending = true;
  }

  public boolean pending() {
    return pending;
  }

  public int failures() {
    return failures;
  }

  /** The monotonic time from which a sync is due; {@link Long#MAX_VALUE} when none will be. */
  public long dueAt() {
    if (running) return Long.MAX_VALUE;
    if (!started) return pending ? Long.MIN_VALUE : Long.MAX_VALUE;
    long due = lastStart + periodNanos;
    if (pending) due = Math.min(due, lastStart + retryDelay());
    return due;
  }

  private long retryDelay() {
    if (failures == 0) return minNanos;
    long d = Math.max(minNanos, 1);
    for (int i = 1; i < failures && d < periodNanos; i++) d *= 2;
    return Math.min(Math.max(d, minNanos), periodNanos);
  }

  /** The sync to run at {@code now}, if one is due; it counts as started. */
  public Optional<SyncKind> poll(long now) {
    long due = dueAt();
    if (due == Long.MAX_VALUE || due != Long.MIN_VALUE && now - due < 0) return Optional.empty();
    SyncKind kind = needFull || !everFull || now - lastFullSuccess >= fullNanos ? SyncKind.FULL : SyncKind.PARTIAL;
    started = true;
    running = true;
    lastStart = now;
    pending = false;
    return Optional.of(kind);
  }

  /** The sync started by the last {@link #poll} ended; a failure makes the next sync a full one, retried with backoff. */
  public void finished(long now, SyncKind kind, boolean ok) {
    running = false;
    if (ok) {
      failures = 0;
      if (kind == SyncKind.FULL) {
        needFull = false;
        everFull = true;
        lastFullSuccess = now;
      }
    } else {
      failures++;
      needFull = true;
      pending = true;
    }
  }
}
