package io.j8s.api.protobuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;


/**
 * Test-only API server on 127.0.0.1 that answers kubectl's discovery calls from a fixed table,
 * serves canned objects for GETs (see {@link #fixtures}), and records every POST body byte for byte.
 * A POST is answered 201 with the body decoded by {@link KubeProtobuf} (or 415 naming the
 * decoder's complaint), so kubectl finishes normally while the test inspects {@link #posts}.
 */
final class CaptureApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Post(String path, String contentType, byte[] body) {}

  /** apiVersion -> resources: {plural, kind, namespaced}. */
  private record Res(String plural, String kind, boolean namespaced) {}

  private static final Map<String, List<Res>> RESOURCES = Map.of(
      "v1", List.of(r("namespaces", "Namespace", false), r("configmaps", "ConfigMap", true),
          r("secrets", "Secret", true), r("serviceaccounts", "ServiceAccount", true),
          r("services", "Service", true), r("resourcequotas", "ResourceQuota", true), r("pods", "Pod", true),
          r("nodes", "Node", false)),
      "apps/v1", List.of(r("deployments", "Deployment", true), r("deployments/scale", "Scale", true)),
      "autoscaling/v1", List.of(r("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)),
      "policy/v1", List.of(r("poddisruptionbudgets", "PodDisruptionBudget", true)),
      "scheduling.k8s.io/v1", List.of(r("priorityclasses", "PriorityClass", false)),
      "batch/v1", List.of(r("jobs", "Job", true), r("cronjobs", "CronJob", true)),
      "rbac.authorization.k8s.io/v1", List.of(r("roles", "Role", true), r("rolebindings", "RoleBinding", true),
          r("clusterroles", "ClusterRole", false), r("clusterrolebindings", "ClusterRoleBinding", false)),
      "networking.k8s.io/v1", List.of(r("ingresses", "Ingress", true)));

  final List<Post> posts = new CopyOnWriteArrayList<>();
  /** Objects served for GET, by URL path. */
  final Map<String, ObjectNode> fixtures = new ConcurrentHashMap<>();
  private final HttpServer server;

  CaptureApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  private static Res r(String plural, String kind, boolean namespaced) { return new Res(plural, kind, namespaced); }

  String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

  Path kubeconfig(Path dir) throws IOException {
    Path f = dir.resolve("kubeconfig");
    Files.writeString(f, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: capture
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: u
          user: {token: test-token}
        contexts:
        - name: c
          context: {cluster: capture, user: u, namespace: default}
        current-context: c
        """.formatted(url()));
    return f;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      if (ex.getRequestMethod().equals("POST")) {
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        posts.add(new Post(path, contentType, body));
        if ("application/json".equals(contentType)) {
          send(ex, 201, (ObjectNode) JSON.readTree(body));
          return;
        }
        try {
          send(ex, 201, KubeProtobuf.decode(body));
        } catch (ProtobufException e) {
          send(ex, 415, status(415, "UnsupportedMediaType", e.getMessage()));
        }
        return;
      }
      ObjectNode reply = get(path);
      if (reply != null) send(ex, 200, reply);
      else send(ex, 404, status(404, "NotFound", path + " not found"));
    }
  }

  private ObjectNode get(String path) {
    if (fixtures.containsKey(path)) return fixtures.get(path);
    if (path.equals("/version")) {
      return JSON.createObjectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0");
    }
    if (path.equals("/api")) {
      ObjectNode v = JSON.createObjectNode().put("kind", "APIVersions");
      v.putArray("versions").add("v1");
      return v;
    }
    if (path.equals("/apis")) {
      ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = list.putArray("groups");
      RESOURCES.keySet().stream().filter(gv -> gv.contains("/")).sorted().forEach(gv -> {
        ObjectNode g = groups.addObject().put("name", gv.substring(0, gv.indexOf('/')));
        g.putArray("versions").addObject().put("groupVersion", gv).put("version", "v1");
        g.putObject("preferredVersion").put("groupVersion", gv).put("version", "v1");
      });
      return list;
    }
    String gv = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : null;
    if (gv == null || !RESOURCES.containsKey(gv)) return null;
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", gv);
    ArrayNode resources = list.putArray("resources");
    for (Res res : RESOURCES.get(gv)) {
      ObjectNode o = resources.addObject().put("name", res.plural())
          .put("singularName", res.plural().contains("/") ? "" : res.kind().toLowerCase())
          .put("namespaced", res.namespaced()).put("kind", res.kind());
      ArrayNode verbs = o.putArray("verbs");
      List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
      if (res.plural().endsWith("/scale")) o.put("group", "autoscaling").put("version", "v1");
    }
    return list;
  }

  private static ObjectNode status(int code, String reason, String message) {
    return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", reason).put("code", code);
  }

  private static void send(HttpExchange ex, int code, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() { server.stop(0); }
}
