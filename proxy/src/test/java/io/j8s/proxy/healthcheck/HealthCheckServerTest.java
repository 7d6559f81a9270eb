package io.j8s.proxy.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real listeners, run inside a network namespace (scripts/netns-host.sh): ports open and close as
 * the state's Services come and go, and answer upstream's codes and bodies. Binds 127.0.0.1 only.
 */
@Tag("integration")
class HealthCheckServerTest {
  static final String NODE = "node-a";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test void listenersFollowTheStateAndAnswerWithTheLocalCount() throws Exception {
    int hc1 = freePort();
    int hc2 = freePort();
    ServicePortName web = ServicePortName.of("ns", "web", "http", "TCP");
    ServicePortName api = ServicePortName.of("ns", "api", "", "TCP");
    ServicePort webPort = HealthCheckPlanTest.lbLocal(web, "10.43.0.5", 80, 30080, hc1);
    ServicePort apiPort = HealthCheckPlanTest.lbLocal(api, "10.43.0.6", 80, 30081, hc2);
    AtomicBoolean healthy = new AtomicBoolean(true);
    try (HealthCheckServer server = new HealthCheckServer("127.0.0.1", healthy::get)) {
      HealthCheckingBackend backend = new HealthCheckingBackend(new NoRules(), server, NODE);
      backend.sync(ProxyState.of(Map.of(web, webPort, api, apiPort), Map.of(web,
          List.of(Endpoint.ready("10.42.0.5", 8080, NODE), Endpoint.ready("10.42.0.6", 8080, NODE), Endpoint.ready("10.42.1.5", 8080, "b")))),
          Set.of(), true);
      assertThat(server.openPorts()).containsExactlyInAnyOrder(hc1, hc2);

      HttpResponse<String> ok = get(hc1, "/");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(ok.body()).isEqualTo("{\"service\":{\"namespace\":\"ns\",\"name\":\"web\"},\"localEndpoints\":2,\"serviceProxyHealthy\":true}");
      HttpResponse<String> none = get(hc2, "/healthz");
      assertThat(none.statusCode()).isEqualTo(503);
      assertThat(none.body()).isEqualTo("{\"service\":{\"namespace\":\"ns\",\"name\":\"api\"},\"localEndpoints\":0,\"serviceProxyHealthy\":true}");

      healthy.set(false);
      assertThat(get(hc1, "/").statusCode()).isEqualTo(503);
      assertThat(get(hc1, "/").body()).contains("\"localEndpoints\":2,\"serviceProxyHealthy\":false");
      healthy.set(true);

      // web loses its local endpoints, api goes away: web keeps its listener with a new answer, api's closes
      backend.sync(ProxyState.of(Map.of(web, webPort), Map.of(web, List.of(Endpoint.ready("10.42.1.5", 8080, "b")))), Set.of(), false);
      assertThat(server.openPorts()).containsExactly(hc1);
      assertThat(get(hc1, "/").statusCode()).isEqualTo(503);
      assertThat(get(hc1, "/").body()).contains("\"localEndpoints\":0");
      assertThatThrownBy(() -> get(hc2, "/")).isInstanceOf(ConnectException.class);

      // api comes back: its port opens again
      backend.sync(ProxyState.of(Map.of(web, webPort, api, apiPort), Map.of(api, List.of(Endpoint.ready("10.42.0.9", 80, NODE)))),
          Set.of(), false);
      assertThat(get(hc2, "/").statusCode()).isEqualTo(200);
      assertThat(get(hc2, "/").body()).contains("\"localEndpoints\":1");

      backend.sync(ProxyState.EMPTY, Set.of(), true);
      assertThat(server.openPorts()).isEmpty();
      assertThatThrownBy(() -> get(hc1, "/")).isInstanceOf(ConnectException.class);
    }
  }

  @Test void aPortInUseIsReportedAndRetried() throws Exception {
    ServicePortName web = ServicePortName.of("ns", "web", "http", "TCP");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        HealthCheckServer server = new HealthCheckServer("127.0.0.1", () -> true)) {
      int port = taken.getLocalPort();
      HealthCheckPlan plan = HealthCheckPlan.of(ProxyState.of(Map.of(web, HealthCheckPlanTest.lbLocal(web, "10.43.0.5", 80, 30080, port)),
          Map.of()), NODE);
      assertThat(server.apply(plan)).singleElement().asString().contains("could not listen").contains(Integer.toString(port));
      assertThat(server.openPorts()).isEmpty();
      taken.close();
      assertThat(server.apply(plan)).isEmpty();
      assertThat(server.openPorts()).containsExactly(port);
      assertThat(get(port, "/").statusCode()).isEqualTo(503);
    }
  }

  /** A mode that installs nothing (the health check is mode-independent). */
  static final class NoRules implements io.j8s.proxy.ProxyBackend {
    @Override public String mode() {
      return "none";
    }

    @Override public Map<String, Long> sync(ProxyState state, Set<io.j8s.proxy.state.ServiceRef> changed, boolean full) {
      return Map.of();
    }
  }
}
