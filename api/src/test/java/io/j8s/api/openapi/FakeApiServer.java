package io.j8s.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.table.TableConverter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only API server on 127.0.0.1: discovery and OpenAPI v3 from the registry, and a tiny
 * in-memory object store for {@code create}/{@code apply}/{@code get} (lists answer as Tables when
 * asked). Records every request so tests can check what kubectl sent.
 */
public final class FakeApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Request(String method, String path, String query, String contentType, String body) {}

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
  private final ResourceRegistry registry;
  private final OpenApiV3 openApi;
  private final HttpServer server;

  public FakeApiServer(ResourceRegistry registry) throws IOException {
    this.registry = registry;
    this.openApi = new OpenApiV3(registry);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

  /** Writes a kubeconfig pointing at this server into {@code dir}. */
  public Path kubeconfig(Path dir) throws IOException {
    Path f = dir.resolve("kubeconfig");
    Files.writeString(f, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster: {server: "%s"}
        users:
        - name: u
          user: {token: test-token}
        contexts:
        - name: c
          context: {cluster: fake, user: u, namespace: default}
        current-context: c
        """.formatted(url()));
    return f;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
        ex.getRequestHeaders().getFirst("Content-Type"), body));
    try {
      route(ex, ex.getRequestMethod(), path, body);
    } catch (IllegalArgumentException e) {
      send(ex, 400, status(400, "BadRequest", e.getMessage()));
    } catch (RuntimeException e) {
      send(ex, 500, status(500, "InternalError", e.toString()));
    }
  }

  private void route(HttpExchange ex, String method, String path, String body) throws IOException {
    if (path.equals("/version")) {
      ObjectNode v = JSON.createObjectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0")
          .put("platform", "linux/amd64");
      send(ex, 200, v);
    } else if (path.equals("/api")) {
      ObjectNode v = JSON.createObjectNode().put("kind", "APIVersions");
      v.putArray("versions").add("v1");
      v.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", "127.0.0.1:" + server.getAddress().getPort());
      send(ex, 200, v);
    } else if (path.equals("/apis")) {
      send(ex, 200, groupList());
    } else if (path.equals("/openapi/v3")) {
      send(ex, 200, (ObjectNode) openApi.index());
    } else if (path.startsWith("/openapi/v3/")) {
      var bytes = openApi.documentBytes(path.substring("/openapi/v3/".length()));
      if (bytes.isPresent()) sendBytes(ex, 200, bytes.get());
      else send(ex, 404, status(404, "NotFound", "no such document"));
    } else if (resourceList(path) != null) {
      send(ex, 200, resourceList(path));
    } else {
      objectRoute(ex, method, path, body);
    }
  }

  /** POST to a collection stores the object; GET/PATCH on an item read or replace it. */
  private void objectRoute(HttpExchange ex, String method, String path, String body) throws IOException {
    switch (method) {
      case "POST" -> {
        ObjectNode obj = (ObjectNode) JSON.readTree(body);
        String name = obj.path("metadata").path("name").asText();
        ObjectNode meta = obj.with("metadata").put("resourceVersion", "1").put("uid", "uid-" + name);
        if (!meta.has("creationTimestamp")) meta.put("creationTimestamp", Instant.now().toString());
        objects.put(path + "/" + name, obj);
        send(ex, 201, obj);
      }
      case "GET" -> {
        ObjectNode obj = objects.get(path);
        ResourceType collection = collectionType(path);
        if (obj != null) send(ex, 200, obj);
        else if (collection != null) sendList(ex, path, collection);
        else send(ex, 404, status(404, "NotFound", path + " not found"));
      }
      case "PATCH" -> {
        ObjectNode obj = objects.get(path);
        if (obj == null) send(ex, 404, status(404, "NotFound", path + " not found"));
        else send(ex, 200, obj); // the test checks the patch kubectl computed, not the merge
      }
      default -> send(ex, 405, status(405, "MethodNotAllowed", method + " " + path));
    }
  }

  /** The resource type whose collection {@code path} names, or null. */
  private ResourceType collectionType(String path) {
    String[] p = path.substring(1).split("/");
    int base = p[0].equals("api") ? 2 : 3;
    if (p.length <= base) return null;
    String apiVersion = p[0].equals("api") ? p[1] : p[1] + "/" + p[2];
    String plural = p[base].equals("namespaces") && p.length == base + 3 ? p[base + 2] : p.length == base + 1 ? p[base] : null;
    if (plural == null) return null;
    for (ResourceType t : registry.byGroupVersion().getOrDefault(apiVersion, List.of())) {
      if (t.plural().equals(plural)) return t;
    }
    return null;
  }

  private void sendList(HttpExchange ex, String path, ResourceType type) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    objects.forEach((key, obj) -> {
      if (key.startsWith(path + "/") && key.indexOf('/', path.length() + 1) < 0) items.add(obj);
    });
    items.sort(Comparator.comparing(o -> o.path("metadata").path("name").asText()));
    String accept = ex.getRequestHeaders().getFirst("Accept");
    if (accept != null && accept.contains("as=Table")) {
      String query = ex.getRequestURI().getQuery();
      String include = null;
      if (query != null) {
        for (String kv : query.split("&")) if (kv.startsWith("includeObject=")) include = kv.substring(14);
      }
      ObjectNode table = TableConverter.toTable(type, items, include, Instant.now(), "10", null);
      sendBytes(ex, 200, JSON.writeValueAsBytes(table));
      return;
    }
    ObjectNode list = JSON.createObjectNode().put("kind", type.listKind()).put("apiVersion", type.apiVersion());
    list.putObject("metadata").put("resourceVersion", "10");
    ArrayNode arr = list.putArray("items");
    items.forEach(arr::add);
    send(ex, 200, list);
  }

  private ObjectNode groupList() {
    ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    registry.groups().forEach((group, versions) -> {
      ObjectNode g = groups.addObject().put("name", group);
      ArrayNode vs = g.putArray("versions");
      for (String v : versions) vs.addObject().put("groupVersion", group + "/" + v).put("version", v);
      g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
    });
    return list;
  }

  private ObjectNode resourceList(String path) {
    String apiVersion = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : null;
    if (apiVersion == null) return null;
    List<ResourceType> types = registry.byGroupVersion().get(apiVersion);
    if (types == null) return null;
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", apiVersion);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      t.verbs().forEach(verbs::add);
      ArrayNode shortNames = r.putArray("shortNames");
      t.shortNames().forEach(shortNames::add);
    }
    return list;
  }

  private static ObjectNode status(int code, String reason, String message) {
    return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
        .put("message", message).put("reason", reason).put("code", code);
  }

  private static void send(HttpExchange ex, int code, ObjectNode body) throws IOException {
    sendBytes(ex, code, JSON.writeValueAsBytes(body));
  }

  private static void sendBytes(HttpExchange ex, int code, byte[] bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() { server.stop(0); }
}
