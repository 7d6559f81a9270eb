package io.j8s.proxy.healthcheck;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which health-check NodePorts this node serves and what each answers: per port, the Service
 * and its number of ready endpoints on this node (distinct addresses over all its ports, as
 * upstream's LocalReadyEndpoints). Two Services claiming one port: the first by name keeps it and
 * the other is reported in {@code conflicts}. Pure.
 */
public record HealthCheckPlan(SortedMap<Integer, Entry> ports, List<String> conflicts) {
  public static final HealthCheckPlan EMPTY = new HealthCheckPlan(new TreeMap<>(), List.of());

  /** What one port answers for. */
  public record Entry(ServiceRef service, int localEndpoints) {}

  public HealthCheckPlan {
    ports = Collections.unmodifiableSortedMap(new TreeMap<>(ports));
    conflicts = List.copyOf(conflicts);
  }

  public static HealthCheckPlan of(ProxyState state, String nodeName) {
    Map<ServiceRef, Integer> portOf = new HashMap<>();
    Map<ServiceRef, Set<String>> localIPs = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (ServicePort p : state.services().values()) {
      if (p.healthCheckNodePort() <= 0) continue;
      ServiceRef ref = p.name().service();
      portOf.putIfAbsent(ref, p.healthCheckNodePort());
      Set<String> ips = localIPs.computeIfAbsent(ref, r -> new TreeSet<>());
      for (Endpoint e : state.endpointsOf(p.name())) {
        if (e.ready() && e.isLocal(nodeName)) ips.add(e.ip());
      }
    }
    TreeMap<Integer, Entry> ports = new TreeMap<>();
    new TreeMap<>(portOf).forEach((ref, port) -> {
      Entry had = ports.get(port);
      if (had != null) {
        conflicts.add("health check node port " + port + " of " + ref + " is already served for " + had.service());
      } else {
        ports.put(port, new Entry(ref, localIPs.get(ref).size()));
      }
    });
    return new HealthCheckPlan(ports, conflicts);
  }

  /** The HTTP status a port answers: 200 with local endpoints on a healthy proxy, else 503. */
  public static int status(Entry e, boolean proxyHealthy) {
    return e.localEndpoints() > 0 && proxyHealthy ? 200 : 503;
  }

  /** The JSON body upstream's health check server sends. */
  public static String body(Entry e, boolean proxyHealthy) {
    return "{\"service\":{\"namespace\":" + quote(e.service().namespace()) + ",\"name\":" + quote(e.service().name())
        + "},\"localEndpoints\":" + e.localEndpoints() + ",\"serviceProxyHealthy\":" + proxyHealthy + "}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
