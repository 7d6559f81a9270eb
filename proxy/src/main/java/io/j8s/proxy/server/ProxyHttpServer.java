package io.j8s.proxy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.j8s.proxy.metrics.ProxyMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The proxy's HTTP endpoints, as upstream's: {@code /healthz} (and {@code /livez}) answer 200 with
 * the health JSON while syncs keep succeeding and 503 once stale; {@code /metrics} is the
 * Prometheus text. One server per address (healthz and metrics listen apart, as upstream).
 */
public final class ProxyHttpServer implements AutoCloseable {
  private final HttpServer server;

  private ProxyHttpServer(HttpServer server) {
    this.server = server;
  }

  public static ProxyHttpServer start(InetSocketAddress address, ProxyMetrics metrics, boolean withMetrics) throws IOException {
    HttpServer s = HttpServer.create(address, 16);
    s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    s.createContext("/healthz", ex -> health(ex, metrics));
    s.createContext("/livez", ex -> health(ex, metrics));
    if (withMetrics) {
      s.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
    }
    s.start();
    return new ProxyHttpServer(s);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange ex, ProxyMetrics metrics) throws IOException {
    send(ex, metrics.healthy() ? 200 : 503, "application/json", metrics.healthJson());
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  @Override public void close() {
    server.stop(0);
  }
}
