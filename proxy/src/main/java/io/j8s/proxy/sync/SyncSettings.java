package io.j8s.proxy.sync;

import java.time.Duration;

/**
 * Sync timing, as upstream's flags: at most one sync per {@code minSyncPeriod} (changes in between
 * are batched), a sync at least every {@code syncPeriod} even without changes (rewriting the
 * top-level chains), a full sync (every service's rules rewritten) at least every
 * {@code fullSyncPeriod} and after any failure; failed syncs are retried after
 * {@code minSyncPeriod}, doubling up to {@code syncPeriod}.
 */
public record SyncSettings(Duration minSyncPeriod, Duration syncPeriod, Duration fullSyncPeriod) {
  public static final SyncSettings DEFAULT = new SyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

  public SyncSettings {
    if (minSyncPeriod.isNegative() || syncPeriod.compareTo(minSyncPeriod) < 0 || fullSyncPeriod.compareTo(syncPeriod) < 0) {
      throw new IllegalArgumentException("need 0 <= minSyncPeriod <= syncPeriod <= fullSyncPeriod: " + this);
    }
  }
}
