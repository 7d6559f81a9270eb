package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code default/kubernetes} Service and the Endpoints and EndpointSlice that list the live
 * API servers, computed from their leases (each server renews one key; a lease not renewed
 * within the TTL is dead). Endpoints get one subset per port; the EndpointSlice, which has one
 * port list for all its endpoints, lists the servers on the port most of them use.
 */
final class KubernetesService {
  static final String NAME = "kubernetes";
  static final String NAMESPACE = "default";
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private KubernetesService() {}

  /** One API server's lease: the addresses it advertises and its secure port. */
  record Lease(String id, List<String> addresses, int port, long renewedAtMillis) {
    ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode().put("port", port).put("renewedAt", renewedAtMillis);
      ArrayNode a = o.putArray("addresses");
      addresses.forEach(a::add);
      return o;
    }

    static Lease fromJson(String id, JsonNode o) {
      List<String> addrs = new ArrayList<>();
      for (JsonNode a : o.path("addresses")) addrs.add(a.asText());
      return new Lease(id, addrs, o.path("port").asInt(0), o.path("renewedAt").asLong(0));
    }

    boolean live(long nowMillis, long ttlMillis) { return nowMillis - renewedAtMillis < ttlMillis; }
  }

  record Endpoint(String ip, int port) {}

  /** The distinct endpoints of the live leases, sorted. */
  static List<Endpoint> endpoints(List<Lease> leases, long nowMillis, long ttlMillis) {
    TreeSet<Endpoint> out = new TreeSet<>(Comparator.comparing(Endpoint::port).thenComparing(Endpoint::ip));
    for (Lease l : leases) {
      if (!l.live(nowMillis, ttlMillis) || l.port() <= 0) continue;
      for (String a : l.addresses()) out.add(new Endpoint(a, l.port()));
    }
    return List.copyOf(out);
  }

  /** The Service as a client would POST it; clusterIP is the first address of the range. */
  static ObjectNode service(String clusterIp, int securePort) {
    ObjectNode s = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Service");
    ObjectNode m = s.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
    m.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
    ObjectNode spec = s.putObject("spec").put("type", "ClusterIP").put("clusterIP", clusterIp).put("sessionAffinity", "None");
    spec.putArray("clusterIPs").add(clusterIp);
    spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP").put("targetPort", securePort);
    return s;
  }

  /** Desired Endpoints body: one subset per port. */
  static ObjectNode endpointsObject(List<Endpoint> eps) {
    ObjectNode o = head("v1", "Endpoints");
    o.with("metadata").putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
    ArrayNode subsets = o.putArray("subsets");
    for (Map.Entry<Integer, List<String>> e : byPort(eps).entrySet()) {
      ObjectNode subset = subsets.addObject();
      ArrayNode addrs = subset.putArray("addresses");
      e.getValue().forEach(ip -> addrs.addObject().put("ip", ip));
      subset.putArray("ports").addObject().put("name", "https").put("port", e.getKey()).put("protocol", "TCP");
    }
    return o;
  }

  /** Desired EndpointSlice body: the endpoints of the most used port (the lowest on a tie). */
  static ObjectNode endpointSliceObject(List<Endpoint> eps) {
    ObjectNode o = head("discovery.k8s.io/v1", "EndpointSlice");
    o.with("metadata").putObject("labels").put(SERVICE_NAME_LABEL, NAME);
    o.put("addressType", "IPv4");
    ArrayNode endpoints = o.putArray("endpoints");
    ArrayNode ports = o.putArray("ports");
    Map.Entry<Integer, List<String>> best = null;
    for (Map.Entry<Integer, List<String>> e : byPort(eps).entrySet()) {
      if (best == null || e.getValue().size() > best.getValue().size()) best = e;
    }
    if (best != null) {
      for (String ip : best.getValue()) {
        if (ip.contains(":")) continue;
        ObjectNode ep = endpoints.addObject();
        ep.putArray("addresses").add(ip);
        ep.putObject("conditions").put("ready", true);
      }
      ports.addObject().put("name", "https").put("port", best.getKey()).put("protocol", "TCP");
    }
    return o;
  }

  private static Map<Integer, List<String>> byPort(List<Endpoint> eps) {
    Map<Integer, TreeSet<String>> sets = new TreeMap<>();
    for (Endpoint e : eps) sets.computeIfAbsent(e.port(), p -> new TreeSet<>()).add(e.ip());
    Map<Integer, List<String>> m = new TreeMap<>();
    sets.forEach((port, ips) -> m.put(port, List.copyOf(ips)));
    return m;
  }

  private static ObjectNode head(String apiVersion, String kind) {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    o.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
    return o;
  }
}
