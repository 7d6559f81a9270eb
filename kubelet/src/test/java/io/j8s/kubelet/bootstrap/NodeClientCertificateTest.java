package io.j8s.kubelet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClientCertificateTest {
  /** A server that is still starting (503 twice) gets the CSR on the third try; a 403 on reading it back is final. */
  @Test
  void aServerThatIsNotReadyYetIsTriedAgain(@TempDir Path dir) throws Exception {
    AtomicInteger creates = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] body;
      int code;
      if (ex.getRequestMethod().equals("POST")) {
        body = ex.getRequestBody().readAllBytes(); // the CSR as sent: echoed back as created
        code = creates.incrementAndGet() <= 2 ? 503 : 201;
        if (code == 503) body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":503}".getBytes();
      } else {
        code = 403;
        body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}".getBytes();
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(code, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    List<String> progress = new CopyOnWriteArrayList<>();
    try (KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withOauthToken("t").withRequestRetryBackoffLimit(0).build())
        .build()) {
      assertThatThrownBy(() -> NodeClientCertificate.ensure(c, "n1", dir.resolve("agent"), Duration.ofSeconds(60), progress::add))
          .isInstanceOf(KubernetesClientException.class).matches(e -> ((KubernetesClientException) e).getCode() == 403);
    } finally {
      server.stop(0);
    }
    assertThat(creates.get()).isEqualTo(3);
    assertThat(progress).filteredOn(l -> l.startsWith("the API server did not answer the CertificateSigningRequest yet")).hasSize(2);
    assertThat(progress).last().asString().startsWith("asked for a node client certificate");
  }

  @Test
  void onlyMissingAnswersOverloadAndServerErrorsAreWorthRetrying() {
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("refused"))).isTrue();
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("busy", 429, null))).isTrue();
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("starting", 503, null))).isTrue();
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("bad token", 401, null))).isFalse();
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("forbidden", 403, null))).isFalse();
    assertThat(NodeClientCertificate.worthRetrying(new KubernetesClientException("exists", 409, null))).isFalse();
  }
}
