package io.j8s.proxy.healthcheck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Makes the open health-check listeners match a {@link HealthCheckPlan}: one JDK HTTP server per
 * port on {@code bindAddress} (upstream listens on every node address), opened when a port
 * appears, closed when it goes; a port that stays keeps its listener and only its answer changes.
 * Every path answers (load balancers probe {@code /} or {@code /healthz}). A port that cannot be
 * opened is reported and retried on the next apply. Applied from one thread; requests read the
 * current plan.
 */
public final class HealthCheckServer implements AutoCloseable {
  private final String bindAddress;
  private final BooleanSupplier proxyHealthy;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<Integer, HttpServer> open = new TreeMap<>();
  private volatile HealthCheckPlan plan = HealthCheckPlan.EMPTY;

  public HealthCheckServer(String bindAddress, BooleanSupplier proxyHealthy) {
    this.bindAddress = bindAddress;
    this.proxyHealthy = proxyHealthy;
  }

  /** Opens and closes listeners to match {@code next}; returns one message per port that could not be opened. */
  public synchronized List<String> apply(HealthCheckPlan next) {
    plan = next;
    List<String> errors = new ArrayList<>(next.conflicts());
    for (Integer port : new TreeSet<>(open.keySet())) {
      if (!next.ports().containsKey(port)) open.remove(port).stop(0);
    }
    for (Integer port : next.ports().keySet()) {
      if (open.containsKey(port)) continue;
      try {
        HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        s.setExecutor(executor);
        s.createContext("/", ex -> answer(ex, port));
        s.start();
        open.put(port, s);
      } catch (IOException | RuntimeException e) {
        errors.add("could not listen on health check node port " + port + " for " + next.ports().get(port).service() + ": " + e);
      }
    }
    return errors;
  }

  /** The ports with an open listener. */
  public synchronized Set<Integer> openPorts() {
    return Set.copyOf(open.keySet());
  }

  private void answer(HttpExchange ex, int port) throws IOException {
    try (ex) {
      HealthCheckPlan.Entry e = plan.ports().get(port);
      if (e == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      boolean healthy = proxyHealthy.getAsBoolean();
      byte[] b = HealthCheckPlan.body(e, healthy).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.getResponseHeaders().set("X-Load-Balancing-Endpoint-Weight", Integer.toString(e.localEndpoints()));
      ex.sendResponseHeaders(HealthCheckPlan.status(e, healthy), b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    }
  }

  @Override public synchronized void close() {
    open.values().forEach(s -> s.stop(0));
    open.clear();
    plan = HealthCheckPlan.EMPTY;
    executor.close();
  }
}
