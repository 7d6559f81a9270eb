package io.j8s.kubelet.prober;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.j8s.kubelet.prober.grpc.HealthCheckRequest;
import io.j8s.kubelet.prober.grpc.HealthCheckResponse;
import io.j8s.kubelet.prober.grpc.HealthCheckResponse.ServingStatus;
import io.j8s.kubelet.prober.grpc.HealthGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP, TCP and gRPC checks against real servers on loopback. */
class NetworkChecksTest {
  static HttpServer http;
  static int httpPort;
  static final Map<String, String> seenHeaders = new ConcurrentHashMap<>();

  @BeforeAll
  static void startHttp() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    httpPort = http.getAddress().getPort();
    http.createContext("/ok", x -> reply(x, 200, null));
    http.createContext("/fail", x -> reply(x, 500, null));
    http.createContext("/moved", x -> reply(x, 302, "/fail"));
    http.createContext("/elsewhere", x -> reply(x, 302, "http://192.0.2.1:9/nowhere"));
    http.createContext("/loop", x -> reply(x, 302, "/loop"));
    http.createContext("/slow", x -> {
      try {
        Thread.sleep(2500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(x, 200, null);
    });
    http.createContext("/headers", x -> {
      x.getRequestHeaders().forEach((k, v) -> seenHeaders.put(k.toLowerCase(), String.join(",", v)));
      reply(x, 204, null);
    });
    http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    http.start();
  }

  static void reply(com.sun.net.httpserver.HttpExchange x, int status, String location) throws IOException {
    if (location != null) x.getResponseHeaders().add("Location", location);
    x.sendResponseHeaders(status, -1);
    x.close();
  }

  @AfterAll
  static void stop() { http.stop(0); }

  static ProbeOutcome get(String path, List<ProbeSpec.Header> headers, int timeoutSeconds) {
    return HttpGetCheck.run(new ProbeSpec.HttpGet("HTTP", "", httpPort, path, headers), "127.0.0.1", Duration.ofSeconds(timeoutSeconds));
  }

  @Test
  void httpStatusDecides() {
    assertThat(get("/ok", List.of(), 1)).isEqualTo(ProbeOutcome.success());
    assertThat(get("/fail", List.of(), 1)).isEqualTo(ProbeOutcome.failure("HTTP probe failed with statuscode: 500"));
  }

  @Test
  void redirectsOnTheSameHostAreFollowedOthersCountAsSuccess() {
    assertThat(get("/moved", List.of(), 1)).isEqualTo(ProbeOutcome.failure("HTTP probe failed with statuscode: 500"));
    assertThat(get("/elsewhere", List.of(), 1)).isEqualTo(ProbeOutcome.success());
    assertThat(get("/loop", List.of(), 1)).isEqualTo(ProbeOutcome.success()); // gives up after 10: the last 302 is < 400
  }

  @Test
  void sendsKubeProbeAgentAndCustomHeaders() {
    assertThat(get("/headers", List.of(new ProbeSpec.Header("X-Custom", "yes"), new ProbeSpec.Header("Host", "web.local")), 1).result())
        .isEqualTo(ProbeResult.SUCCESS);
    assertThat(seenHeaders).containsEntry("user-agent", "kube-probe/1.32").containsEntry("x-custom", "yes")
        .containsEntry("host", "web.local").containsEntry("connection", "close");
  }

  @Test
  void timeoutAndRefusalAreFailuresNamingTheUrl() {
    long t0 = System.nanoTime();
    ProbeOutcome slow = get("/slow", List.of(), 1);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2000));
    assertThat(slow.result()).isEqualTo(ProbeResult.FAILURE);
    assertThat(slow.message()).contains("Get \"http://127.0.0.1:" + httpPort + "/slow\"").contains("deadline exceeded");
    int closed = freePort();
    ProbeOutcome refused = HttpGetCheck.run(new ProbeSpec.HttpGet("HTTP", "", closed, "/", List.of()), "127.0.0.1", Duration.ofSeconds(1));
    assertThat(refused).isEqualTo(ProbeOutcome.failure(
        "Get \"http://127.0.0.1:" + closed + "/\": dial tcp 127.0.0.1:" + closed + ": connect: connection refused"));
  }

  @Test
  void tcpConnects() {
    assertThat(Prober.tcp("127.0.0.1", httpPort, Duration.ofSeconds(1))).isEqualTo(ProbeOutcome.success());
    int closed = freePort();
    assertThat(Prober.tcp("127.0.0.1", closed, Duration.ofSeconds(1)))
        .isEqualTo(ProbeOutcome.failure("dial tcp 127.0.0.1:" + closed + ": connect: connection refused"));
  }

  @Test
  void grpcHealthChecks() throws Exception {
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new HealthGrpc.HealthImplBase() {
      @Override
      public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
        ServingStatus s = request.getService().isEmpty() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        out.onNext(HealthCheckResponse.newBuilder().setStatus(s).build());
        out.onCompleted();
      }
    }).build().start();
    try {
      int port = server.getPort();
      assertThat(Prober.grpc("127.0.0.1", new ProbeSpec.Grpc(port, ""), Duration.ofSeconds(2))).isEqualTo(ProbeOutcome.success());
      assertThat(Prober.grpc("127.0.0.1", new ProbeSpec.Grpc(port, "db"), Duration.ofSeconds(2)))
          .isEqualTo(ProbeOutcome.failure("service unhealthy (responded with \"NOT_SERVING\")"));
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    ProbeOutcome none = Prober.grpc("127.0.0.1", new ProbeSpec.Grpc(freePort(), ""), Duration.ofSeconds(2));
    assertThat(none.result()).isEqualTo(ProbeResult.FAILURE);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
