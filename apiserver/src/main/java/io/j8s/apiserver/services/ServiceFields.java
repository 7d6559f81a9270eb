package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The addressing-related fields of a Service (as stored JSON), read once. */
record ServiceFields(String namespace, String name, String uid, String type, String clusterIp, List<String> clusterIps,
    List<Port> ports, int healthCheckNodePort, String externalTrafficPolicy, boolean allocateLoadBalancerNodePorts, List<String> externalIps) {

  record Port(String name, int port, String protocol, int nodePort) {}

  static ServiceFields of(JsonNode svc) {
    JsonNode m = svc.path("metadata");
    JsonNode s = svc.path("spec");
    List<String> ips = new ArrayList<>();
    for (JsonNode ip : s.path("clusterIPs")) ips.add(ip.asText());
    List<String> external = new ArrayList<>();
    for (JsonNode ip : s.path("externalIPs")) external.add(ip.asText());
    List<Port> ports = new ArrayList<>();
    for (JsonNode p : s.path("ports")) {
      ports.add(new Port(p.path("name").asText(""), p.path("port").asInt(0), p.path("protocol").asText("TCP"), p.path("nodePort").asInt(0)));
    }
    return new ServiceFields(m.path("namespace").asText(""), m.path("name").asText(""), m.path("uid").asText(""),
        s.path("type").asText("ClusterIP"), s.path("clusterIP").asText(""), ips, ports,
        s.path("healthCheckNodePort").asInt(0), s.path("externalTrafficPolicy").asText(""),
        s.path("allocateLoadBalancerNodePorts").asBoolean(true), external);
  }

  String owner() { return namespace + "/" + name; }

  /** Every type but ExternalName has a clusterIP (possibly "None"). */
  boolean needsClusterIp() { return !type.equals("ExternalName"); }

  boolean headless() { return "None".equals(primaryIp()); }

  /** spec.clusterIP, else spec.clusterIPs[0], else "". */
  String primaryIp() { return !clusterIp.isEmpty() ? clusterIp : clusterIps.isEmpty() ? "" : clusterIps.get(0); }

  /** The allocated IP this object holds: a real address of a type that has one, else null. */
  String heldIp() {
    String ip = primaryIp();
    return needsClusterIp() && !ip.isEmpty() && !ip.equals("None") ? ip : null;
  }

  boolean needsNodePorts() { return type.equals("NodePort") || type.equals("LoadBalancer"); }

  /** Upstream's ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs (where externalTrafficPolicy applies). */
  boolean externallyAccessible() { return needsNodePorts() || (type.equals("ClusterIP") && !externalIps.isEmpty()); }

  /** NodePort always; LoadBalancer unless spec.allocateLoadBalancerNodePorts is false. */
  boolean allocatesNodePorts() { return type.equals("NodePort") || (type.equals("LoadBalancer") && allocateLoadBalancerNodePorts); }

  /** Upstream's NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
  boolean needsHealthCheck() { return type.equals("LoadBalancer") && externalTrafficPolicy.equals("Local"); }

  /** The NodePorts (and health-check NodePort) this object holds. */
  Set<Integer> heldPorts() {
    Set<Integer> held = new LinkedHashSet<>();
    if (needsNodePorts()) for (Port p : ports) if (p.nodePort() != 0) held.add(p.nodePort());
    if (needsHealthCheck() && healthCheckNodePort != 0) held.add(healthCheckNodePort);
    return held;
  }
}
