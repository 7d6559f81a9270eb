package io.j8s.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.proxy.sync.SyncKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
  final ManualClock clock = new ManualClock();
  final ProxyMetrics m = new ProxyMetrics(clock, "iptables", Duration.ofSeconds(60));

  @Test void healthyUntilAQueuedChangeWaitsTooLong() {
    assertThat(m.healthy()).isTrue();
    m.queued();
    clock.advance(Duration.ofSeconds(59));
    assertThat(m.healthy()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(m.healthy()).as("stale").isFalse();
    assertThat(m.healthJson()).contains("\"healthy\": false");
    long start = clock.nanoTime();
    clock.advance(Duration.ofMillis(300));
    m.synced(SyncKind.FULL, start, 300_000_000L, Map.of("nat", 12L, "filter", 3L), 2, 5);
    assertThat(m.healthy()).isTrue();
  }

  @Test void aChangeQueuedDuringASyncStaysQueued() {
    long start = clock.nanoTime();
    clock.advance(Duration.ofSeconds(1));
    m.queued();
    m.synced(SyncKind.PARTIAL, start, 1_000_000_000L, Map.of(), 0, 0);
    clock.advance(Duration.ofSeconds(61));
    assertThat(m.healthy()).isFalse();
  }

  @Test void rendersUpstreamNames() {
    m.synced(SyncKind.PARTIAL, clock.nanoTime(), 3_000_000L, Map.of("nat", 12L, "filter", 3L), 2, 5);
    m.failed();
    String text = m.render();
    assertThat(text).contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{kind=\"partial\",le=\"0.004\"} 1")
        .contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{kind=\"partial\",le=\"0.002\"} 0")
        .contains("kubeproxy_sync_proxy_rules_duration_seconds_count{kind=\"full\"} 0")
        .contains("kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"} 12")
        .contains("kubeproxy_sync_proxy_rules_endpoints 5")
        .contains("kubeproxy_sync_proxy_rules_errors_total{mode=\"iptables\"} 1")
        .contains("kubeproxy_sync_proxy_rules_last_timestamp_seconds 1.7672256E9");
  }
}
