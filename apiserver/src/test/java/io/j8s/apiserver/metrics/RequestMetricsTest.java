package io.j8s.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {
  @Test
  void countsByCodeAndCumulativeLatencyBuckets() {
    RequestMetrics m = new RequestMetrics();
    m.record("GET", "", "pods", null, 200, 1_000_000L);         // 1 ms
    m.record("GET", "", "pods", null, 200, 20_000_000L);        // 20 ms
    m.record("GET", "", "pods", null, 404, 2_000_000_000L);     // 2 s
    m.record("POST", "apps", "deployments", null, 201, 3_000_000L);
    String text = m.render();
    String pods = "verb=\"GET\",group=\"\",resource=\"pods\",subresource=\"\"";
    assertThat(text).contains("apiserver_request_total{" + pods + ",code=\"200\"} 2\n")
        .contains("apiserver_request_total{" + pods + ",code=\"404\"} 1\n")
        .contains("apiserver_request_duration_seconds_bucket{" + pods + ",le=\"0.005\"} 1\n")
        .contains("apiserver_request_duration_seconds_bucket{" + pods + ",le=\"0.025\"} 2\n")
        .contains("apiserver_request_duration_seconds_bucket{" + pods + ",le=\"1.0\"} 2\n")
        .contains("apiserver_request_duration_seconds_bucket{" + pods + ",le=\"2.5\"} 3\n")
        .contains("apiserver_request_duration_seconds_bucket{" + pods + ",le=\"+Inf\"} 3\n")
        .contains("apiserver_request_duration_seconds_count{" + pods + "} 3\n")
        .contains("apiserver_request_duration_seconds_sum{" + pods + "} 2.021\n")
        .contains("apiserver_request_total{verb=\"POST\",group=\"apps\",resource=\"deployments\",subresource=\"\",code=\"201\"} 1\n");
  }
}
