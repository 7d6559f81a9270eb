package io.j8s.proxy.metrics;

import io.j8s.base.time.Clock;
import io.j8s.proxy.sync.SyncKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy's metrics and health, upstream's names: {@code kubeproxy_sync_proxy_rules_duration_seconds}
 * (a histogram per sync kind, full or partial), {@code kubeproxy_sync_proxy_rules_last_timestamp_seconds}
 * (last successful sync), {@code kubeproxy_sync_proxy_rules_iptables_total} (rules per table),
 * {@code kubeproxy_sync_proxy_rules_endpoint_changes_total}, service and endpoint counts, and
 * {@code kubeproxy_sync_proxy_rules_errors_total} labelled by mode. Health as upstream's
 * ProxierHealthServer: stale when a change has been queued for longer than {@code healthTimeout}
 * without a successful sync since. Thread-safe.
 */
public final class ProxyMetrics {
  static final double[] BUCKETS = {0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384};

  private final Clock clock;
  private final String mode;
  private final long healthTimeoutNanos;
  private final Map<SyncKind, long[]> buckets = new TreeMap<>();
  private final Map<SyncKind, long[]> counts = new TreeMap<>();
  private final Map<SyncKind, Double> sums = new TreeMap<>();
  private final Map<String, Long> rules = new TreeMap<>();
  private long errors;
  private long services;
  private long endpoints;
  private long syncs;
  private Instant lastSuccess;
  private long oldestQueued;
  private boolean queued;
  private final java.util.List<java.util.function.Supplier<String>> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ProxyMetrics(Clock clock, String mode, Duration healthTimeout) {
    this.clock = clock;
    this.mode = mode;
    this.healthTimeoutNanos = healthTimeout.toNanos();
    for (SyncKind k : SyncKind.values()) {
      buckets.put(k, new long[BUCKETS.length]);
      counts.put(k, new long[1]);
      sums.put(k, 0.0);
    }
  }

  /** A change was queued for the next sync (the health clock starts at the oldest one). */
  public synchronized void queued() {
    if (!queued) {
      queued = true;
      oldestQueued = clock.nanoTime();
    }
  }

  /** A sync succeeded; {@code startNanos} is when it started (changes queued later stay queued). */
  public synchronized void synced(SyncKind kind, long startNanos, long durationNanos, Map<String, Long> ruleCounts,
      int serviceCount, int endpointCount) {
    double secs = durationNanos / 1e9;
    long[] b = buckets.get(kind);
    for (int i = 0; i < BUCKETS.length; i++) if (secs <= BUCKETS[i]) b[i]++;
    counts.get(kind)[0]++;
    sums.merge(kind, secs, Double::sum);
    rules.clear();
    rules.putAll(ruleCounts);
    services = serviceCount;
    endpoints = endpointCount;
    syncs++;
    lastSuccess = clock.now();
    if (queued && oldestQueued - startNanos <= 0) queued = false;
  }

  public synchronized void failed() {
    errors++;
  }

  public synchronized long errors() {
    return errors;
  }

  public synchronized long syncs() {
    return syncs;
  }

  /** Healthy unless a queued change has waited longer than the health timeout. */
  public synchronized boolean healthy() {
    return !queued || clock.nanoTime() - oldestQueued < healthTimeoutNanos;
  }

  /** The {@code /healthz} body, upstream's shape. */
  public synchronized String healthJson() {
    return "{\"lastUpdated\": \"" + (lastSuccess == null ? "" : lastSuccess) + "\",\"currentTime\": \"" + clock.now()
        + "\",\"nodeEligible\": true,\"healthy\": " + healthy() + "}";
  }

  /** Adds series (Prometheus text, e.g. a mode's own) to the end of {@link #render()}. */
  public void addSection(java.util.function.Supplier<String> section) {
    sections.add(section);
  }

  public synchronized String render() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP kubeproxy_sync_proxy_rules_duration_seconds Sync duration, by kind (full or partial).\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_duration_seconds histogram\n");
    for (SyncKind k : SyncKind.values()) {
      String l = "kind=\"" + k.label() + "\"";
      long[] bs = buckets.get(k);
      for (int i = 0; i < BUCKETS.length; i++) {
        b.append("kubeproxy_sync_proxy_rules_duration_seconds_bucket{").append(l).append(",le=\"").append(BUCKETS[i])
            .append("\"} ").append(bs[i]).append('\n');
      }
      b.append("kubeproxy_sync_proxy_rules_duration_seconds_bucket{").append(l).append(",le=\"+Inf\"} ")
          .append(counts.get(k)[0]).append('\n');
      b.append("kubeproxy_sync_proxy_rules_duration_seconds_sum{").append(l).append("} ").append(sums.get(k)).append('\n');
      b.append("kubeproxy_sync_proxy_rules_duration_seconds_count{").append(l).append("} ").append(counts.get(k)[0]).append('\n');
    }
    b.append("# HELP kubeproxy_sync_proxy_rules_last_timestamp_seconds The last time a sync succeeded.\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_last_timestamp_seconds gauge\n");
    b.append("kubeproxy_sync_proxy_rules_last_timestamp_seconds ")
        .append(lastSuccess == null ? 0 : lastSuccess.toEpochMilli() / 1000.0).append('\n');
    b.append("# HELP kubeproxy_sync_proxy_rules_iptables_total Rules written by the last sync, by table.\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_iptables_total gauge\n");
    rules.forEach((t, n) -> b.append("kubeproxy_sync_proxy_rules_iptables_total{table=\"").append(t).append("\"} ").append(n).append('\n'));
    b.append("# HELP kubeproxy_sync_proxy_rules_service_ports Service ports in the last synced state.\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_service_ports gauge\n");
    b.append("kubeproxy_sync_proxy_rules_service_ports ").append(services).append('\n');
    b.append("# HELP kubeproxy_sync_proxy_rules_endpoints Endpoints in the last synced state.\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_endpoints gauge\n");
    b.append("kubeproxy_sync_proxy_rules_endpoints ").append(endpoints).append('\n');
    b.append("# HELP kubeproxy_sync_proxy_rules_errors_total Failed syncs, by mode.\n");
    b.append("# TYPE kubeproxy_sync_proxy_rules_errors_total counter\n");
    b.append("kubeproxy_sync_proxy_rules_errors_total{mode=\"").append(mode).append("\"} ").append(errors).append('\n');
    b.append("# HELP kubeproxy_proxy_healthy 1 when the proxy is healthy (see /healthz).\n");
    b.append("# TYPE kubeproxy_proxy_healthy gauge\n");
    b.append("kubeproxy_proxy_healthy ").append(healthy() ? 1 : 0).append('\n');
    sections.forEach(s -> b.append(s.get()));
    return b.toString();
  }
}
