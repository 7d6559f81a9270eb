package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.proxy.state.ServicePortName;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserspaceMetricsTest {
  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName DNS = ServicePortName.of("ns", "dns", "", "UDP");

  @Test void perServiceSeriesInPrometheusText() {
    UserspaceMetrics m = new UserspaceMetrics();
    ServiceMetrics web = m.of(WEB);
    web.opened();
    web.opened();
    web.closed();
    web.in(100);
    web.out(2500);
    web.connectFailed();
    web.connected(300_000); // 0.3 ms
    web.connected(2_000_000_000L); // 2 s
    m.of(DNS).rejected();
    String t = m.render();
    assertThat(t).contains(
        "# TYPE kubeproxy_userspace_connections_total counter\n",
        "kubeproxy_userspace_connections_total{service=\"ns/web:http\",protocol=\"TCP\"} 2\n",
        "kubeproxy_userspace_active_connections{service=\"ns/web:http\",protocol=\"TCP\"} 1\n",
        "kubeproxy_userspace_bytes_total{service=\"ns/web:http\",protocol=\"TCP\",direction=\"in\"} 100\n",
        "kubeproxy_userspace_bytes_total{service=\"ns/web:http\",protocol=\"TCP\",direction=\"out\"} 2500\n",
        "kubeproxy_userspace_connect_errors_total{service=\"ns/web:http\",protocol=\"TCP\"} 1\n",
        "kubeproxy_userspace_rejected_total{service=\"ns/dns\",protocol=\"UDP\"} 1\n",
        "kubeproxy_userspace_connect_latency_seconds_bucket{service=\"ns/web:http\",protocol=\"TCP\",le=\"2.5E-4\"} 0\n",
        "kubeproxy_userspace_connect_latency_seconds_bucket{service=\"ns/web:http\",protocol=\"TCP\",le=\"5.0E-4\"} 1\n",
        "kubeproxy_userspace_connect_latency_seconds_bucket{service=\"ns/web:http\",protocol=\"TCP\",le=\"1.0\"} 1\n",
        "kubeproxy_userspace_connect_latency_seconds_bucket{service=\"ns/web:http\",protocol=\"TCP\",le=\"2.5\"} 2\n",
        "kubeproxy_userspace_connect_latency_seconds_bucket{service=\"ns/web:http\",protocol=\"TCP\",le=\"+Inf\"} 2\n",
        "kubeproxy_userspace_connect_latency_seconds_count{service=\"ns/web:http\",protocol=\"TCP\"} 2\n",
        "kubeproxy_userspace_connect_latency_seconds_sum{service=\"ns/web:http\",protocol=\"TCP\"} 2.0003\n");
  }

  @Test void goneServicesLoseTheirSeries() {
    UserspaceMetrics m = new UserspaceMetrics();
    m.of(WEB).opened();
    m.of(DNS).opened();
    m.retain(Set.of(DNS));
    assertThat(m.render()).doesNotContain("ns/web").contains("ns/dns");
  }
}
