package io.j8s.api.table;

import static io.j8s.api.table.Nodes.at;
import static io.j8s.api.table.Nodes.list;
import static io.j8s.api.table.Nodes.num;
import static io.j8s.api.table.Nodes.present;
import static io.j8s.api.table.Nodes.text;
import static io.j8s.api.table.WorkloadRows.age;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Tables of Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy. */
final class NetworkRows {
  private NetworkRows() {}

  private static final int MAX_SHOWN = 3;

  static final KindTable SERVICE = new KindTable(List.of(
      Column.NAME,
      Column.str("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
      Column.str("Cluster-IP", "The virtual IP of the service inside the cluster."),
      Column.str("External-IP", "Addresses the service is reachable at from outside the cluster."),
      Column.str("Port(s)", "The ports the service exposes, with node ports."),
      Column.AGE,
      Column.wide("Selector", "The labels of the pods the service sends traffic to.")),
      (s, now) -> {
        List<JsonNode> ips = list(s, "spec", "clusterIPs");
        String clusterIp = !ips.isEmpty() ? ips.get(0).asText() : text(s, "spec", "clusterIP");
        String ports = ports(list(s, "spec", "ports"));
        return List.of(text(s, "metadata", "name"), text(s, "spec", "type"), PodRows.orNone(clusterIp),
            externalIp(s), ports.isEmpty() ? "<none>" : ports, age(s, now), Selectors.labels(at(s, "spec", "selector")));
      });

  static final KindTable ENDPOINTS = new KindTable(List.of(
      Column.NAME,
      Column.str("Endpoints", "The addresses and ports of the endpoints (the first three)."),
      Column.AGE),
      (e, now) -> List.of(text(e, "metadata", "name"), endpoints(e), age(e, now)));

  static final KindTable ENDPOINT_SLICE = new KindTable(List.of(
      Column.NAME,
      Column.str("AddressType", "The type of the addresses: IPv4, IPv6 or FQDN."),
      Column.str("Ports", "The ports of the endpoints (the first three)."),
      Column.str("Endpoints", "The addresses of the endpoints (the first three)."),
      Column.AGE),
      (e, now) -> {
        List<String> ports = new ArrayList<>();
        for (JsonNode p : list(e, "ports")) {
          ports.add(present(p, "port") ? String.valueOf(num(p, "port")) : present(p, "name") ? text(p, "name") : "*");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode ep : list(e, "endpoints")) list(ep, "addresses").forEach(a -> addresses.add(a.asText()));
        return List.of(text(e, "metadata", "name"), text(e, "addressType"), firstFew(ports), firstFew(addresses), age(e, now));
      });

  static final KindTable INGRESS = new KindTable(List.of(
      Column.NAME,
      Column.str("Class", "The name of the IngressClass that implements this ingress."),
      Column.str("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
      Column.str("Address", "Address is a list containing ingress points for the load-balancer"),
      Column.str("Ports", "Ports of TLS configurations that open"),
      Column.AGE),
      (i, now) -> List.of(text(i, "metadata", "name"),
          present(i, "spec", "ingressClassName") ? text(i, "spec", "ingressClassName") : "<none>",
          hosts(list(i, "spec", "rules")),
          loadBalancer(at(i, "status", "loadBalancer")),
          list(i, "spec", "tls").isEmpty() ? "80" : "80, 443",
          age(i, now)));

  static final KindTable INGRESS_CLASS = new KindTable(List.of(
      Column.NAME,
      Column.str("Controller", "The controller that implements this class."),
      Column.str("Parameters", "The object holding the controller's parameters."),
      Column.AGE),
      (c, now) -> {
        String parameters = "<none>";
        JsonNode p = at(c, "spec", "parameters");
        if (p.isObject()) {
          parameters = text(p, "kind") + (present(p, "apiGroup") ? "." + text(p, "apiGroup") : "") + "/" + text(p, "name");
        }
        return List.of(text(c, "metadata", "name"), text(c, "spec", "controller"), parameters, age(c, now));
      });

  static final KindTable NETWORK_POLICY = new KindTable(List.of(
      Column.NAME,
      Column.str("Pod-Selector", "The pods the policy applies to."),
      Column.AGE),
      (n, now) -> List.of(text(n, "metadata", "name"), Selectors.selectorOrNone(at(n, "spec", "podSelector")), age(n, now)));

  /** {@code 80/TCP,443:30443/TCP}. */
  static String ports(List<JsonNode> ports) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : ports) {
      String protocol = text(p, "protocol").isEmpty() ? "TCP" : text(p, "protocol");
      long nodePort = num(p, "nodePort");
      out.add(nodePort > 0 ? num(p, "port") + ":" + nodePort + "/" + protocol : num(p, "port") + "/" + protocol);
    }
    return String.join(",", out);
  }

  static String externalIp(JsonNode s) {
    List<String> external = new ArrayList<>();
    list(s, "spec", "externalIPs").forEach(ip -> external.add(ip.asText()));
    return switch (text(s, "spec", "type")) {
      case "ClusterIP", "NodePort" -> external.isEmpty() ? "<none>" : String.join(",", external);
      case "LoadBalancer" -> {
        String lb = loadBalancer(at(s, "status", "loadBalancer"));
        List<String> all = new ArrayList<>();
        if (!lb.isEmpty()) all.addAll(List.of(lb.split(",")));
        all.addAll(external);
        yield all.isEmpty() ? "<pending>" : String.join(",", all);
      }
      case "ExternalName" -> text(s, "spec", "externalName");
      default -> "<unknown>";
    };
  }

  /** Ingress points of a load balancer status: IPs or hostnames, comma-separated. */
  static String loadBalancer(JsonNode status) {
    List<String> out = new ArrayList<>();
    for (JsonNode in : list(status, "ingress")) {
      if (!text(in, "ip").isEmpty()) out.add(text(in, "ip"));
      else if (!text(in, "hostname").isEmpty()) out.add(text(in, "hostname"));
    }
    return String.join(",", out);
  }

  /** {@code 10.42.0.5:80,10.42.0.6:80 + 2 more...}; {@code <none>} without subsets. */
  static String endpoints(JsonNode e) {
    List<JsonNode> subsets = list(e, "subsets");
    if (subsets.isEmpty()) return "<none>";
    List<String> shown = new ArrayList<>();
    int count = 0;
    boolean more = false;
    for (JsonNode ss : subsets) {
      List<JsonNode> addresses = list(ss, "addresses");
      List<JsonNode> ports = list(ss, "ports");
      if (ports.isEmpty()) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (shown.size() == MAX_SHOWN) {
            more = true;
            break;
          }
          shown.add(text(a, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (shown.size() == MAX_SHOWN) {
            more = true;
            break;
          }
          String ip = text(a, "ip");
          shown.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + num(port, "port"));
        }
      }
    }
    String joined = String.join(",", shown);
    return more ? joined + " + " + (count - MAX_SHOWN) + " more..." : joined;
  }

  private static String hosts(List<JsonNode> rules) {
    List<String> shown = new ArrayList<>();
    boolean more = false;
    for (JsonNode r : rules) {
      if (shown.size() == MAX_SHOWN) more = true;
      if (!more && !text(r, "host").isEmpty()) shown.add(text(r, "host"));
    }
    if (shown.isEmpty()) return "*";
    String joined = String.join(",", shown);
    return more ? joined + " + " + (rules.size() - MAX_SHOWN) + " more..." : joined;
  }

  /** The first three values, then "+ N more..."; {@code <unset>} when there are none. */
  private static String firstFew(List<String> values) {
    if (values.isEmpty()) return "<unset>";
    if (values.size() <= MAX_SHOWN) return String.join(",", values);
    return String.join(",", values.subList(0, MAX_SHOWN)) + " + " + (values.size() - MAX_SHOWN) + " more...";
  }
}
