package io.j8s.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import java.util.List;
import java.util.Locale;

/**
 * The {@code paths} of one group-version document: for each resource the collection, item,
 * all-namespaces, status and scale endpoints with their operations. Every operation carries
 * {@code x-kubernetes-group-version-kind} and {@code x-kubernetes-action}; parameters are inline
 * on the operation (kubectl's field-validation probe reads only those).
 */
final class OperationPaths {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> PATCH_TYPES = List.of(
      "application/apply-patch+yaml", "application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json");

  private final String prefix;
  private final String opPrefix;
  private final String tag;

  OperationPaths(String group, String version) {
    this.prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    String g = group.isEmpty() ? "core" : group.replace(".k8s.io", "");
    StringBuilder camel = new StringBuilder();
    for (String part : g.split("\\.")) camel.append(capitalize(part));
    this.opPrefix = camel + capitalize(version);
    this.tag = Character.toLowerCase(camel.charAt(0)) + camel.substring(1) + "_" + version;
  }

  /** All paths of the group-version. */
  ObjectNode build(List<ResourceType> types, String scaleSchema) {
    ObjectNode paths = F.objectNode();
    ObjectNode root = paths.putObject(prefix + "/");
    ObjectNode rootGet = root.putObject("get");
    rootGet.putArray("tags").add(tag);
    rootGet.put("description", "get available resources");
    rootGet.put("operationId", "get" + opPrefix + "APIResources");
    rootGet.set("responses", responses(SchemaNames.API_RESOURCE_LIST, "200"));
    for (ResourceType t : types) addResource(paths, t, scaleSchema);
    return paths;
  }

  private void addResource(ObjectNode paths, ResourceType t, String scaleSchema) {
    Gvk gvk = new Gvk(t.group(), t.version(), t.kind());
    String kindRef = SchemaNames.of(t.model());
    String listRef = SchemaNames.listOf(t.model());
    String ns = t.namespaced() ? "Namespaced" : "";
    String collection = prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
    String item = collection + "/{name}";

    ObjectNode c = paths.putObject(collection);
    c.set("get", op("list", "list or watch objects of kind " + t.kind(), "list" + opPrefix + ns + t.kind(), gvk,
        listParams(), null, responses(listRef, "200")));
    c.set("post", op("post", "create a " + t.kind(), "create" + opPrefix + ns + t.kind(), gvk,
        writeParams(false), body(kindRef), responses(kindRef, "200", "201", "202")));
    ArrayNode dc = deleteParams();
    for (var p : listParams()) {
      String n = p.get("name").asText();
      if (!n.equals("watch") && !n.equals("allowWatchBookmarks")) dc.add(p);
    }
    c.set("delete", op("deletecollection", "delete collection of " + t.kind(), "delete" + opPrefix + "Collection" + ns + t.kind(),
        gvk, dc, body(SchemaNames.DELETE_OPTIONS), responses(SchemaNames.STATUS, "200")));
    c.set("parameters", pathParams(t.namespaced(), false, t.kind()));

    ObjectNode i = paths.putObject(item);
    i.set("get", op("get", "read the specified " + t.kind(), "read" + opPrefix + ns + t.kind(), gvk,
        F.arrayNode(), null, responses(kindRef, "200")));
    i.set("put", op("put", "replace the specified " + t.kind(), "replace" + opPrefix + ns + t.kind(), gvk,
        writeParams(false), body(kindRef), responses(kindRef, "200", "201")));
    i.set("delete", op("delete", "delete a " + t.kind(), "delete" + opPrefix + ns + t.kind(), gvk,
        deleteParams(), body(SchemaNames.DELETE_OPTIONS), responses(kindRef, "200", "202")));
    i.set("patch", op("patch", "partially update the specified " + t.kind(), "patch" + opPrefix + ns + t.kind(), gvk,
        writeParams(true), patchBody(), responses(kindRef, "200", "201")));
    i.set("parameters", pathParams(t.namespaced(), true, t.kind()));

    if (t.namespaced()) {
      ObjectNode all = paths.putObject(prefix + "/" + t.plural());
      all.set("get", op("list", "list or watch objects of kind " + t.kind(), "list" + opPrefix + t.kind() + "ForAllNamespaces",
          gvk, listParams(), null, responses(listRef, "200")));
      all.set("parameters", F.arrayNode().add(param("pretty", "query", "string", "If 'true', the output is pretty printed.", false)));
    }
    if (t.hasSubresource("status")) {
      subresource(paths, item, t, "status", "Status", gvk, kindRef);
    }
    if (t.hasSubresource("scale") && scaleSchema != null) {
      subresource(paths, item, t, "scale", "Scale", new Gvk("autoscaling", "v1", "Scale"), scaleSchema);
    }
  }

  private void subresource(ObjectNode paths, String item, ResourceType t, String sub, String suffix, Gvk gvk, String ref) {
    String ns = t.namespaced() ? "Namespaced" : "";
    String name = ns + t.kind() + suffix;
    ObjectNode s = paths.putObject(item + "/" + sub);
    s.set("get", op("get", "read " + sub + " of the specified " + t.kind(), "read" + opPrefix + name, gvk,
        F.arrayNode(), null, responses(ref, "200")));
    s.set("put", op("put", "replace " + sub + " of the specified " + t.kind(), "replace" + opPrefix + name, gvk,
        writeParams(false), body(ref), responses(ref, "200", "201")));
    s.set("patch", op("patch", "partially update " + sub + " of the specified " + t.kind(), "patch" + opPrefix + name, gvk,
        writeParams(true), patchBody(), responses(ref, "200", "201")));
    s.set("parameters", pathParams(t.namespaced(), true, t.kind()));
  }

  private ObjectNode op(String action, String description, String operationId, Gvk gvk,
      ArrayNode params, ObjectNode requestBody, ObjectNode responses) {
    ObjectNode o = F.objectNode();
    o.putArray("tags").add(tag);
    o.put("description", description);
    o.put("operationId", operationId);
    if (!params.isEmpty()) o.set("parameters", params);
    if (requestBody != null) o.set("requestBody", requestBody);
    o.set("responses", responses);
    o.put("x-kubernetes-action", action);
    o.set("x-kubernetes-group-version-kind", gvk.toNode());
    return o;
  }

  private static ArrayNode pathParams(boolean namespaced, boolean named, String kind) {
    ArrayNode a = F.arrayNode();
    if (named) a.add(param("name", "path", "string", "name of the " + kind, true));
    if (namespaced) a.add(param("namespace", "path", "string", "object name and auth scope, such as for teams and projects", true));
    a.add(param("pretty", "query", "string", "If 'true', the output is pretty printed.", false));
    return a;
  }

  private static ArrayNode listParams() {
    ArrayNode a = F.arrayNode();
    a.add(param("allowWatchBookmarks", "query", "boolean", "Ask for BOOKMARK events in a watch.", false));
    a.add(param("continue", "query", "string", "The continue token of the previous page of a paged list.", false));
    a.add(param("fieldSelector", "query", "string", "Return only objects whose fields match, e.g. metadata.name=x.", false));
    a.add(param("labelSelector", "query", "string", "Return only objects whose labels match the selector.", false));
    a.add(param("limit", "query", "integer", "The maximum number of objects in one page.", false));
    a.add(param("resourceVersion", "query", "string", "Which state to serve: unset is the latest, 0 any cached one.", false));
    a.add(param("resourceVersionMatch", "query", "string", "How resourceVersion applies to a list: Exact or NotOlderThan.", false));
    a.add(param("sendInitialEvents", "query", "boolean", "Start a watch with synthetic events for the current state.", false));
    a.add(param("timeoutSeconds", "query", "integer", "Time limit of a list or watch call.", false));
    a.add(param("watch", "query", "boolean", "Watch for changes instead of listing.", false));
    return a;
  }

  private static ArrayNode writeParams(boolean patch) {
    ArrayNode a = F.arrayNode();
    a.add(param("dryRun", "query", "string", "When All, validate and admit the request but persist nothing.", false));
    a.add(param("fieldManager", "query", "string", "The name of the actor making the change, for field management.", false));
    a.add(param("fieldValidation", "query", "string",
        "What to do with unknown or duplicate fields: Ignore (drop them), Warn (drop and warn) or Strict (reject the request).", false));
    if (patch) a.add(param("force", "query", "boolean", "Apply requests only: take over fields other managers own.", false));
    return a;
  }

  private static ArrayNode deleteParams() {
    ArrayNode a = F.arrayNode();
    a.add(param("dryRun", "query", "string", "When All, validate and admit the request but persist nothing.", false));
    a.add(param("gracePeriodSeconds", "query", "integer", "Seconds before the object is deleted; 0 deletes at once.", false));
    a.add(param("ignoreStoreReadErrorWithClusterBreakingPotential", "query", "boolean",
        "Delete objects the store cannot decode.", false));
    a.add(param("orphanDependents", "query", "boolean", "Deprecated: use propagationPolicy.", false));
    a.add(param("propagationPolicy", "query", "string", "How dependents are collected: Orphan, Background or Foreground.", false));
    return a;
  }

  static ObjectNode param(String name, String in, String type, String description, boolean required) {
    ObjectNode p = F.objectNode();
    p.put("name", name);
    p.put("in", in);
    p.put("description", description);
    if (required) p.put("required", true);
    ObjectNode s = p.putObject("schema");
    s.put("type", type);
    if (type.equals("string") && in.equals("query")) s.put("uniqueItems", true);
    return p;
  }

  private static ObjectNode body(String schema) {
    ObjectNode b = F.objectNode();
    b.putObject("content").putObject("*/*").putObject("schema").put("$ref", SchemaNames.ref(schema));
    b.put("required", true);
    return b;
  }

  private static ObjectNode patchBody() {
    ObjectNode b = F.objectNode();
    ObjectNode content = b.putObject("content");
    for (String type : PATCH_TYPES) {
      content.putObject(type).putObject("schema").put("$ref", SchemaNames.ref(SchemaNames.PATCH));
    }
    b.put("required", true);
    return b;
  }

  private static ObjectNode responses(String schema, String... codes) {
    ObjectNode r = F.objectNode();
    for (String code : codes) {
      ObjectNode resp = r.putObject(code);
      resp.put("description", switch (code) { case "201" -> "Created"; case "202" -> "Accepted"; default -> "OK"; });
      ObjectNode content = resp.putObject("content");
      for (String type : List.of("application/json", "application/yaml")) {
        content.putObject(type).putObject("schema").put("$ref", SchemaNames.ref(schema));
      }
    }
    r.putObject("401").put("description", "Unauthorized");
    return r;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
