package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.ServiceProxy;
import io.j8s.proxy.healthcheck.HealthCheckServer;
import io.j8s.proxy.healthcheck.HealthCheckingBackend;
import io.j8s.proxy.metrics.ProxyMetrics;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import io.j8s.proxy.sync.SyncSettings;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The health-check NodePort through the API server: a LoadBalancer Service with
 * externalTrafficPolicy Local gets its healthCheckNodePort allocated, the proxy's informers turn it
 * and its EndpointSlice into a listener on that port (127.0.0.1 here) answering 200 with the local
 * count, 503 once the local endpoint goes, and the listener closes when the Service is deleted. The
 * backend installs no rules (the health check is mode-independent), so the test changes nothing in
 * the namespace's packet filter. Endpoint addresses in 10.88.219.0/24 (ipvs task's range), never reached.
 */
@Tag("integration")
@WithJ8sServer
class HealthCheckNodePortTest {
  static final String NODE = "hc-node";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static HttpResponse<String> get(int port) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static EndpointSlice slice(String localNode) {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName("hc-web-1")
        .addToLabels("kubernetes.io/service-name", "hc-web").endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
        .addNewEndpoint().withAddresses("10.88.219.11").withNodeName(localNode).withNewConditions().withReady(true).endConditions().endEndpoint()
        .addNewEndpoint().withAddresses("10.88.219.12").withNodeName("other").withNewConditions().withReady(true).endConditions().endEndpoint()
        .build();
  }

  @Test void answersForTheServiceAndFollowsIt(RunningServer server) throws Exception {
    try (KubernetesClient c = server.client(); HealthCheckServer hc = new HealthCheckServer("127.0.0.1", () -> true)) {
      Service svc = c.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("hc-web").endMetadata()
          .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy("Local")
          .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();
      int port = svc.getSpec().getHealthCheckNodePort();
      assertThat(port).isBetween(30000, 32767);
      c.discovery().v1().endpointSlices().inNamespace("default").resource(slice(NODE)).create();

      ProxyBackend noRules = new ProxyBackend() {
        @Override public String mode() {
          return "none";
        }

        @Override public Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) {
          return Map.of();
        }
      };
      ProxyMetrics metrics = new ProxyMetrics(Clock.system(), "none", Duration.ofMinutes(1));
      SyncSettings fast = new SyncSettings(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofHours(1));
      try (ServiceProxy proxy = new ServiceProxy(c, new HealthCheckingBackend(noRules, hc, NODE), Clock.system(), fast, metrics).start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> hc.openPorts().contains(port));
        HttpResponse<String> ok = get(port);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(
            "{\"service\":{\"namespace\":\"default\",\"name\":\"hc-web\"},\"localEndpoints\":1,\"serviceProxyHealthy\":true}");

        c.discovery().v1().endpointSlices().inNamespace("default").resource(slice("elsewhere")).update();
        await().atMost(Duration.ofSeconds(60)).until(() -> get(port).statusCode() == 503);
        assertThat(get(port).body()).contains("\"localEndpoints\":0");

        c.services().inNamespace("default").withName("hc-web").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> hc.openPorts().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
          try {
            get(port);
            return false;
          } catch (ConnectException e) {
            return true;
          }
        });
      } finally {
        c.discovery().v1().endpointSlices().inNamespace("default").withName("hc-web-1").delete();
      }
    }
  }
}
