package io.j8s.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The discovery documents, computed once from the registry. */
public final class Discovery {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ResourceRegistry registry;
  private final String serverAddress;

  public Discovery(ResourceRegistry registry, String serverAddress) {
    this.registry = registry;
    this.serverAddress = serverAddress;
  }

  /** /api */
  public ObjectNode coreVersions() {
    ObjectNode o = F.objectNode().put("kind", "APIVersions");
    o.putArray("versions").add("v1");
    o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
    return o;
  }

  /** /apis */
  public ObjectNode groupList() {
    ObjectNode o = F.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = o.putArray("groups");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) groups.add(group(g.getKey(), g.getValue()));
    return o;
  }

  /** /apis/{group} */
  public Optional<ObjectNode> group(String name) {
    List<String> versions = registry.groups().get(name);
    if (versions == null) return Optional.empty();
    ObjectNode g = group(name, versions);
    g.put("kind", "APIGroup").put("apiVersion", "v1");
    return Optional.of(g);
  }

  private ObjectNode group(String name, List<String> versions) {
    ObjectNode g = F.objectNode().put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
    g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
    return g;
  }

  /** /api/v1 or /apis/{group}/{version} */
  public Optional<ObjectNode> resources(String groupVersion) {
    List<ResourceType> types = registry.byGroupVersion().get(groupVersion);
    if (types == null) return Optional.empty();
    ObjectNode o = F.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    ArrayNode rs = o.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = rs.addObject().put("name", t.plural()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      t.verbs().forEach(verbs::add);
      if (!t.shortNames().isEmpty()) t.shortNames().forEach(r.putArray("shortNames")::add);
      if (!t.categories().isEmpty()) t.categories().forEach(r.putArray("categories")::add);
      for (String sub : new TreeSet<>(t.subresources())) rs.add(subresource(t, sub));
    }
    return Optional.of(o);
  }

  private static ObjectNode subresource(ResourceType t, String sub) {
    ObjectNode r = F.objectNode().put("name", t.plural() + "/" + sub).put("singularName", "").put("namespaced", t.namespaced());
    ArrayNode verbs = r.putArray("verbs");
    switch (sub) {
      case "scale" -> {
        r.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
        List.of("get", "patch", "update").forEach(verbs::add);
      }
      case "status" -> {
        r.put("kind", t.kind());
        List.of("get", "patch", "update").forEach(verbs::add);
      }
      case "finalize" -> {
        r.put("kind", t.kind());
        verbs.add("update");
      }
      case "binding" -> {
        r.put("kind", "Binding");
        verbs.add("create");
      }
      case "eviction" -> {
        r.put("group", "policy").put("version", "v1").put("kind", "Eviction");
        verbs.add("create");
      }
      case "token" -> {
        r.put("group", "authentication.k8s.io").put("version", "v1").put("kind", "TokenRequest");
        verbs.add("create");
      }
      case "log" -> {
        r.put("kind", "Pod");
        verbs.add("get");
      }
      default -> {
        r.put("kind", sub.equals("proxy") ? "NodeProxyOptions" : "Pod" + Character.toUpperCase(sub.charAt(0)) + sub.substring(1) + "Options");
        List.of("create", "get").forEach(verbs::add);
      }
    }
    return r;
  }
}
