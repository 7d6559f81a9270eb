/**
 * When syncs run (stable API): {@link io.j8s.proxy.sync.SyncSchedule} is the pure policy
 * (minSyncPeriod batching, periodic syncs, full syncs periodically and after failures, retry
 * backoff), {@link io.j8s.proxy.sync.SyncRunner} runs it on one thread with a non-blocking
 * trigger. Modes do not use these directly; {@link io.j8s.proxy.ServiceProxy} does.
 */
package io.j8s.proxy.sync;
