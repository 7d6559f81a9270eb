package io.j8s.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI v3 discovery of the served kinds: {@link #index()} for {@code GET /openapi/v3} and one
 * document per group-version ({@code api/v1}, {@code apis/apps/v1}, ...). Documents are generated
 * once, then cached with their bytes and a SHA-512 content hash (the index's {@code ?hash=} value,
 * which lets clients cache them forever).
 */
public final class OpenApiV3 {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** The Kubernetes release whose API this server speaks. */
  static final String KUBERNETES_VERSION = "v1.32.0";

  private final Map<String, List<ResourceType>> byPath = new LinkedHashMap<>();
  private final Map<Class<?>, List<Gvk>> gvks = new LinkedHashMap<>();
  private final Map<String, Generated> cache = new ConcurrentHashMap<>();

  private record Generated(ObjectNode document, byte[] bytes, String hash) {}

  public OpenApiV3(ResourceRegistry registry) {
    registry.byGroupVersion().forEach((apiVersion, types) -> {
      String path = apiVersion.contains("/") ? "apis/" + apiVersion : "api/" + apiVersion;
      byPath.put(path, List.copyOf(types));
    });
    for (ResourceType t : registry.all()) {
      gvks.computeIfAbsent(t.model(), k -> new ArrayList<>()).add(new Gvk(t.group(), t.version(), t.kind()));
    }
    gvks.computeIfAbsent(Scale.class, k -> new ArrayList<>()).add(new Gvk("autoscaling", "v1", "Scale"));
    gvks.computeIfAbsent(Status.class, k -> new ArrayList<>()).add(new Gvk("", "v1", "Status"));
  }

  /** The group-version paths served, in registry order: "api/v1", "apis/apps/v1", ... */
  public List<String> groupVersionPaths() { return List.copyOf(byPath.keySet()); }

  /** {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}} */
  public JsonNode index() {
    ObjectNode root = F.objectNode();
    ObjectNode paths = root.putObject("paths");
    for (String gv : byPath.keySet()) {
      paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash(gv));
    }
    return root;
  }

  /** The document of a group-version path ("api/v1", "apis/apps/v1"); a copy the caller may change. */
  public Optional<JsonNode> document(String gvPath) {
    return generated(gvPath).map(g -> g.document().deepCopy());
  }

  /** The document's JSON bytes, exactly those {@link #hash} was computed over. */
  public Optional<byte[]> documentBytes(String gvPath) {
    return generated(gvPath).map(g -> g.bytes().clone());
  }

  /** The upper-case hex SHA-512 of the document's bytes. */
  public String hash(String gvPath) {
    return generated(gvPath).map(Generated::hash).orElseThrow(() -> new IllegalArgumentException(
        "no OpenAPI document for group-version path \"" + gvPath + "\"; served: " + byPath.keySet()));
  }

  private Optional<Generated> generated(String gvPath) {
    String key = gvPath.startsWith("/") ? gvPath.substring(1) : gvPath;
    if (!byPath.containsKey(key)) return Optional.empty();
    return Optional.of(cache.computeIfAbsent(key, this::generate));
  }

  private Generated generate(String gvPath) {
    List<ResourceType> types = byPath.get(gvPath);
    ResourceType first = types.get(0);
    ObjectNode doc = document(first.group(), first.version(), types);
    try {
      byte[] bytes = JSON.writeValueAsBytes(doc);
      return new Generated(doc, bytes, HexFormat.of().withUpperCase().formatHex(
          MessageDigest.getInstance("SHA-512").digest(bytes)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not serialize OpenAPI document " + gvPath, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-512", e);
    }
  }

  private ObjectNode document(String group, String version, List<ResourceType> types) {
    ComponentSchemas schemas = new ComponentSchemas(gvks);
    String scale = null;
    for (ResourceType t : types) {
      schemas.add(t.model());
      schemas.addList(t.model(), new Gvk(t.group(), t.version(), t.listKind()));
      if (t.hasSubresource("scale")) scale = schemas.add(Scale.class);
    }
    schemas.add(Status.class);
    schemas.add(DeleteOptions.class);
    schemas.add(APIResourceList.class);
    ObjectNode patch = F.objectNode();
    patch.put("description", "A patch document; its form is given by the request's Content-Type.");
    patch.put("type", "object");
    schemas.addRaw(SchemaNames.PATCH, patch);

    ObjectNode doc = F.objectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", KUBERNETES_VERSION);
    doc.set("paths", new OperationPaths(group, version).build(types, scale));
    ObjectNode components = doc.putObject("components");
    components.set("schemas", schemas.build());
    ObjectNode bearer = components.putObject("securitySchemes").putObject("BearerToken");
    bearer.put("description", "Bearer token authentication");
    bearer.put("type", "apiKey");
    bearer.put("name", "authorization");
    bearer.put("in", "header");
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }
}
