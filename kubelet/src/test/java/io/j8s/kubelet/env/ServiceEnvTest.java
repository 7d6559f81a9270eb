package io.j8s.kubelet.env;

import static io.j8s.kubelet.env.Pods.port;
import static io.j8s.kubelet.env.Pods.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvTest {
  static final io.fabric8.kubernetes.api.model.Service KUBERNETES = service("default", "kubernetes", "10.43.0.1", port("https", 443, "TCP"));

  @Test
  void kubernetesServiceIsAlwaysInjectedEvenWithoutServiceLinks() {
    var svcs = List.of(KUBERNETES, service("ns1", "db", "10.43.0.9", port("", 5432, null)));
    Map<String, String> env = ServiceEnv.forPod("ns1", false, svcs);
    assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
        "KUBERNETES_SERVICE_HOST", "10.43.0.1",
        "KUBERNETES_SERVICE_PORT", "443",
        "KUBERNETES_SERVICE_PORT_HTTPS", "443",
        "KUBERNETES_PORT", "tcp://10.43.0.1:443",
        "KUBERNETES_PORT_443_TCP", "tcp://10.43.0.1:443",
        "KUBERNETES_PORT_443_TCP_PROTO", "tcp",
        "KUBERNETES_PORT_443_TCP_PORT", "443",
        "KUBERNETES_PORT_443_TCP_ADDR", "10.43.0.1"));
  }

  @Test
  void servicesOfThePodsNamespaceOnlyWithLinks() {
    var svcs = List.of(KUBERNETES, service("ns1", "my-db", "10.43.0.9", port("", 5432, null), port("metrics", 9187, "UDP")),
        service("other", "cache", "10.43.0.7", port("redis", 6379, "TCP")),
        service("ns1", "headless", "None", port("p", 80, "TCP")),
        service("ns1", "noip", "", port("p", 81, "TCP")),
        service("ns1", "noports", "10.43.0.11"));
    Map<String, String> env = ServiceEnv.forPod("ns1", true, svcs);
    assertThat(env).containsEntry("MY_DB_SERVICE_HOST", "10.43.0.9")
        .containsEntry("MY_DB_SERVICE_PORT", "5432")
        .containsEntry("MY_DB_SERVICE_PORT_METRICS", "9187")
        .containsEntry("MY_DB_PORT", "tcp://10.43.0.9:5432")
        .containsEntry("MY_DB_PORT_5432_TCP", "tcp://10.43.0.9:5432")
        .containsEntry("MY_DB_PORT_9187_UDP", "udp://10.43.0.9:9187")
        .containsEntry("MY_DB_PORT_9187_UDP_PROTO", "udp")
        .containsEntry("MY_DB_PORT_9187_UDP_PORT", "9187")
        .containsEntry("MY_DB_PORT_9187_UDP_ADDR", "10.43.0.9")
        .containsKey("KUBERNETES_SERVICE_HOST");
    assertThat(env.keySet()).noneMatch(k -> k.startsWith("CACHE_") || k.startsWith("HEADLESS_") || k.startsWith("NOIP_")
        || k.startsWith("NOPORTS_"));
    assertThat(env).hasSize(8 + 2 + 1 + 1 + 4 + 4); // kubernetes 8; my-db host, port, named port, _PORT, 2x4 per-port
    assertThat(List.copyOf(env.keySet())).isSorted();
  }

  @Test
  void aServiceNamedKubernetesInThePodsNamespaceWinsInEitherOrder() {
    var own = service("ns1", "kubernetes", "10.43.5.5", port("", 80, "TCP"));
    assertThat(ServiceEnv.forPod("ns1", true, List.of(KUBERNETES, own))).containsEntry("KUBERNETES_SERVICE_HOST", "10.43.5.5");
    assertThat(ServiceEnv.forPod("ns1", true, List.of(own, KUBERNETES))).containsEntry("KUBERNETES_SERVICE_HOST", "10.43.5.5");
    assertThat(ServiceEnv.forPod("ns1", false, List.of(own, KUBERNETES))).containsEntry("KUBERNETES_SERVICE_HOST", "10.43.0.1");
  }

  @Test
  void ipv6ClusterIpIsBracketedInUrlsOnly() {
    var env = ServiceEnv.forPod("ns1", true, List.of(service("ns1", "v6", "fd00::10", port("", 80, "SCTP"))));
    assertThat(env).containsEntry("V6_PORT", "sctp://[fd00::10]:80").containsEntry("V6_PORT_80_SCTP_ADDR", "fd00::10")
        .containsEntry("V6_SERVICE_HOST", "fd00::10");
  }

  @Test
  void noServicesNoVariables() {
    assertThat(ServiceEnv.forPod("ns1", true, List.of())).isEmpty();
  }
}
