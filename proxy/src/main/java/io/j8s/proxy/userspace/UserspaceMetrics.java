package io.j8s.proxy.userspace;

import io.j8s.proxy.state.ServicePortName;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The userspace mode's per-service metrics on the proxy's {@code /metrics}, Prometheus text in the
 * style of {@link io.j8s.proxy.metrics.ProxyMetrics}: connections (TCP connections and UDP
 * sessions), active ones, bytes in (client to endpoint) and out, connect errors, clients turned
 * away without an endpoint, and a connect latency histogram; labelled {@code service="ns/svc:port"}.
 * A service's series go when the service does.
 */
public final class UserspaceMetrics {
  private final Map<ServicePortName, ServiceMetrics> services = new ConcurrentSkipListMap<>();

  public ServiceMetrics of(ServicePortName name) {
    return services.computeIfAbsent(name, n -> new ServiceMetrics(n.protocol()));
  }

  /** Keeps only the series of {@code live} service ports. */
  public void retain(java.util.Set<ServicePortName> live) {
    services.keySet().retainAll(live);
  }

  public String render() {
    StringBuilder b = new StringBuilder();
    counter(b, "kubeproxy_userspace_connections_total", "Client connections (TCP) and sessions (UDP) accepted, by service port.",
        m -> m.connections.sum());
    gauge(b, "kubeproxy_userspace_active_connections", "Client connections and sessions open now, by service port.", m -> m.active.sum());
    b.append("# HELP kubeproxy_userspace_bytes_total Bytes relayed, by service port and direction (in: client to endpoint).\n");
    b.append("# TYPE kubeproxy_userspace_bytes_total counter\n");
    services.forEach((n, m) -> {
      b.append("kubeproxy_userspace_bytes_total{").append(labels(n, m)).append(",direction=\"in\"} ").append(m.bytesIn.sum()).append('\n');
      b.append("kubeproxy_userspace_bytes_total{").append(labels(n, m)).append(",direction=\"out\"} ").append(m.bytesOut.sum()).append('\n');
    });
    counter(b, "kubeproxy_userspace_connect_errors_total", "Failed connects to endpoints (each retried on the next one).",
        m -> m.connectErrors.sum());
    counter(b, "kubeproxy_userspace_rejected_total", "Clients turned away with no endpoint to connect to.", m -> m.rejected.sum());
    counter(b, "kubeproxy_userspace_policy_denied_total", "Connections and UDP sessions network policy refused or cut.",
        m -> m.denied.sum());
    b.append("# HELP kubeproxy_userspace_connect_latency_seconds Time to connect to the endpoint, by service port.\n");
    b.append("# TYPE kubeproxy_userspace_connect_latency_seconds histogram\n");
    services.forEach((n, m) -> {
      String l = labels(n, m);
      long cum = 0;
      for (int i = 0; i < ServiceMetrics.BUCKETS.length; i++) {
        cum += m.latencyBuckets.get(i);
        b.append("kubeproxy_userspace_connect_latency_seconds_bucket{").append(l).append(",le=\"").append(ServiceMetrics.BUCKETS[i])
            .append("\"} ").append(cum).append('\n');
      }
      long count = m.latencyCount.sum();
      b.append("kubeproxy_userspace_connect_latency_seconds_bucket{").append(l).append(",le=\"+Inf\"} ").append(count).append('\n');
      b.append("kubeproxy_userspace_connect_latency_seconds_sum{").append(l).append("} ").append(m.latencySumNanos.sum() / 1e9).append('\n');
      b.append("kubeproxy_userspace_connect_latency_seconds_count{").append(l).append("} ").append(count).append('\n');
    });
    return b.toString();
  }

  private void counter(StringBuilder b, String name, String help, java.util.function.ToLongFunction<ServiceMetrics> f) {
    series(b, name, help, "counter", f);
  }

  private void gauge(StringBuilder b, String name, String help, java.util.function.ToLongFunction<ServiceMetrics> f) {
    series(b, name, help, "gauge", f);
  }

  private void series(StringBuilder b, String name, String help, String type, java.util.function.ToLongFunction<ServiceMetrics> f) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    services.forEach((n, m) -> b.append(name).append('{').append(labels(n, m)).append("} ").append(f.applyAsLong(m)).append('\n'));
  }

  private static String labels(ServicePortName n, ServiceMetrics m) {
    return "service=\"" + n + "\",protocol=\"" + m.protocol + "\"";
  }
}
