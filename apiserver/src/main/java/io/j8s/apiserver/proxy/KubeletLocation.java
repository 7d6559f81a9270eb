package io.j8s.apiserver.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.j8s.apiserver.errors.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where on which kubelet a request goes, as upstream's LogLocation/ExecLocation/
 * PortForwardLocation and node proxy: the pod's node ({@code spec.nodeName}), the node's address
 * (InternalIP, else ExternalIP, else Hostname) and kubelet port
 * ({@code status.daemonEndpoints.kubeletEndpoint.Port}), and the kubelet path and query.
 *
 * @param pathAndQuery e.g. {@code /containerLogs/ns/pod/c?follow=true}
 */
public record KubeletLocation(String node, String host, int port, String pathAndQuery) {
  static final int DEFAULT_KUBELET_PORT = 10250;

  /** The node a pod runs on; 400 when it has none yet. */
  public static String nodeOf(JsonNode pod) {
    String node = pod.path("spec").path("nodeName").asText("");
    if (node.isEmpty()) throw ApiException.badRequest("pod " + pod.path("metadata").path("name").asText() + " does not have a host assigned");
    return node;
  }

  /** The kubelet's address and port from the Node object. */
  public static KubeletLocation of(JsonNode node, String pathAndQuery) {
    String name = node.path("metadata").path("name").asText();
    String host = null;
    for (String type : List.of("InternalIP", "ExternalIP", "Hostname")) {
      for (JsonNode a : node.path("status").path("addresses")) {
        if (host == null && type.equals(a.path("type").asText()) && !a.path("address").asText("").isEmpty()) host = a.path("address").asText();
      }
    }
    if (host == null) {
      throw new ApiException(503, "ServiceUnavailable", "node \"" + name + "\" has no address (InternalIP, ExternalIP or Hostname) to reach its kubelet at",
          "", "nodes", name, List.of());
    }
    int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
    return new KubeletLocation(name, host, port > 0 ? port : DEFAULT_KUBELET_PORT, pathAndQuery);
  }

  /** The kubelet path for a pod subresource (log, exec, attach, portforward) with the client's query. */
  public static String podPath(JsonNode pod, String sub, Map<String, List<String>> q) {
    String ns = pod.path("metadata").path("namespace").asText();
    String name = pod.path("metadata").path("name").asText();
    Query out = new Query();
    return switch (sub) {
      case "log" -> {
        String c = container(pod, last(q, "container"));
        for (String b : List.of("follow", "previous", "timestamps")) if (bool(q, b)) out.add(b, "true");
        for (String n : List.of("sinceSeconds", "sinceTime", "tailLines", "limitBytes")) if (last(q, n) != null) out.add(n, last(q, n));
        yield "/containerLogs/" + seg(ns) + "/" + seg(name) + "/" + seg(c) + out;
      }
      case "exec", "attach" -> {
        String c = container(pod, last(q, "container"));
        if (sub.equals("exec")) {
          List<String> command = q.getOrDefault("command", List.of());
          if (command.isEmpty()) throw ApiException.badRequest("you must specify at least one command for the container");
          for (String part : command) out.add("command", part);
        }
        for (String b : List.of("stdin", "stdout", "stderr", "tty")) if (bool(q, b)) out.add(b, "1");
        yield "/" + sub + "/" + seg(ns) + "/" + seg(name) + "/" + seg(c) + out;
      }
      case "portforward" -> {
        for (String p : q.getOrDefault("ports", List.of())) out.add("ports", p);
        yield "/portForward/" + seg(ns) + "/" + seg(name) + out;
      }
      default -> throw new IllegalArgumentException(sub);
    };
  }

  /** The named container, or the only one; 400 with upstream's messages otherwise. */
  static String container(JsonNode pod, String requested) {
    String name = pod.path("metadata").path("name").asText();
    List<String> all = new ArrayList<>();
    for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (JsonNode c : pod.path("spec").path(kind)) all.add(c.path("name").asText());
    }
    if (requested == null || requested.isEmpty()) {
      JsonNode regular = pod.path("spec").path("containers");
      String dflt = pod.path("metadata").path("annotations").path("kubectl.kubernetes.io/default-container").asText("");
      if (!dflt.isEmpty() && all.contains(dflt)) return dflt;
      if (regular.size() == 1) return regular.get(0).path("name").asText();
      List<String> names = new ArrayList<>();
      for (JsonNode c : regular) names.add(c.path("name").asText());
      throw ApiException.badRequest("a container name must be specified for pod " + name + ", choose one of: " + names);
    }
    if (!all.contains(requested)) throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
    return requested;
  }

  static boolean bool(Map<String, List<String>> q, String name) {
    String v = last(q, name);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("t"));
  }

  static String last(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  static String seg(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

  private static final class Query {
    private final StringBuilder b = new StringBuilder();
    void add(String k, String v) {
      b.append(b.isEmpty() ? '?' : '&').append(seg(k)).append('=').append(seg(v));
    }
    @Override public String toString() { return b.toString(); }
  }
}
