package io.j8s.proxy.userspace;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** One service port's counters (lock-free; event loops update them on every read and connect). */
public final class ServiceMetrics {
  static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  final String protocol;
  final LongAdder connections = new LongAdder();
  final LongAdder active = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder connectErrors = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder denied = new LongAdder();
  final AtomicLongArray latencyBuckets = new AtomicLongArray(BUCKETS.length);
  final LongAdder latencyCount = new LongAdder();
  final LongAdder latencySumNanos = new LongAdder();

  ServiceMetrics(String protocol) {
    this.protocol = protocol;
  }

  /** A client connection (TCP) or session (UDP) was accepted; {@link #closed()} follows. */
  public void opened() {
    connections.increment();
    active.increment();
  }

  public void closed() {
    active.decrement();
  }

  /** Bytes from the client towards the endpoint. */
  public void in(long n) {
    bytesIn.add(n);
  }

  /** Bytes from the endpoint back to the client. */
  public void out(long n) {
    bytesOut.add(n);
  }

  public void connectFailed() {
    connectErrors.increment();
  }

  /** A client was turned away: no endpoint to connect to (none at all, or every one failed). */
  public void rejected() {
    rejected.increment();
  }

  /** A connection (or UDP session) refused or cut by network policy. */
  public void denied() {
    denied.increment();
  }

  /** A client with no endpoint to go to: {@link #denied()} when network policy refused some, else {@link #rejected()}. */
  public void turnedAway(boolean byPolicy) {
    if (byPolicy) denied();
    else rejected();
  }

  public void connected(long nanos) {
    double secs = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (secs <= BUCKETS[i]) {
        latencyBuckets.incrementAndGet(i);
        break;
      }
    }
    latencyCount.increment();
    latencySumNanos.add(nanos);
  }

  public long connections() {
    return connections.sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public long connectErrors() {
    return connectErrors.sum();
  }

  public long deniedCount() {
    return denied.sum();
  }

  public long rejectedCount() {
    return rejected.sum();
  }
}
