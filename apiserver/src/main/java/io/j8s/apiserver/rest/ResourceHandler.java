package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.protobuf.KubeProtobuf;
import io.j8s.api.protobuf.ProtobufException;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import java.util.ArrayList;
import java.util.List;

/**
 * The verbs on one object or collection: get, create, update, patch, delete; list, watch and
 * deletecollection go to {@link Collections}; subresources to {@link Subresources}.
 */
public final class ResourceHandler {
  private final Writes writes;
  private final Collections collections;
  private final Subresources subresources;
  private final Deletion deletion;
  private final WriteGuard guard;

  public ResourceHandler(ObjectStore store, WatchCache cache) { this(store, cache, WriteHook.NONE); }

  public ResourceHandler(ObjectStore store, WatchCache cache, WriteHook hook) { this(store, cache, hook, WriteGuard.NONE, null); }

  /**
   * @param guard checks writes beyond authorization (RBAC escalation)
   * @param kubelets serves the subresources a node's kubelet answers (null: 501 for them)
   */
  public ResourceHandler(ObjectStore store, WatchCache cache, WriteHook hook, WriteGuard guard,
      io.j8s.apiserver.proxy.KubeletProxy kubelets) {
    this(store, cache, hook, guard, kubelets, AdmissionChain.NONE, null);
  }

  /**
   * @param admission the admission plugins (LimitRanger, ResourceQuota)
   * @param tokens    serves serviceaccounts/token (null: 501)
   */
  public ResourceHandler(ObjectStore store, WatchCache cache, WriteHook hook, WriteGuard guard,
      io.j8s.apiserver.proxy.KubeletProxy kubelets, AdmissionChain admission, io.j8s.apiserver.tokens.TokenRequests tokens) {
    this.guard = guard;
    this.writes = new Writes(store, hook, admission);
    this.collections = new Collections(store, cache);
    this.deletion = new Deletion(writes);
    this.subresources = new Subresources(writes, kubelets, tokens);
  }

  /** The verb upstream's authorizer would see for this request. */
  public static String verb(Exchange ex, RequestInfo ri) {
    boolean watch = ListOptions.bool(ex.param("watch"));
    return switch (ex.method()) {
      case "GET", "HEAD" -> ri.name() == null ? (watch ? "watch" : "list") : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> ri.name() == null ? "deletecollection" : "delete";
      default -> ex.method().toLowerCase();
    };
  }

  public void handle(Exchange ex, RequestInfo ri, ResourceType t, Responder out) { handle(ex, ri, t, out, null); }

  /** @param user who asks, for the {@link WriteGuard} (null: no guard) */
  public void handle(Exchange ex, RequestInfo ri, ResourceType t, Responder out, UserInfo user) {
    String ns = t.namespaced() ? ri.namespace() : null;
    if (!t.namespaced() && ri.namespace() != null) throw ApiException.notFoundPath(ri.path());
    if (ri.sub() != null) {
      subresources.handle(ex, ri, t, ns, out);
      return;
    }
    if (ri.name() == null) {
      switch (ex.method()) {
        case "GET" -> collections.listOrWatch(ex, t, ns, out);
        case "POST" -> create(ex, t, ns, out, user);
        case "DELETE" -> collections.deleteCollection(ex, t, ns, deletion, out);
        default -> throw ApiException.methodNotAllowed(ex.method() + " is not supported on a collection of " + t.plural());
      }
      return;
    }
    switch (ex.method()) {
      case "GET" -> out.object(ex, 200, t, writes.getStored(t, ns, ri.name()));
      case "PUT" -> update(ex, t, ns, ri.name(), out, user);
      case "PATCH" -> patch(ex, t, ns, ri.name(), out, user);
      case "DELETE" -> out.object(ex, 200, t, deletion.delete(ex, t, ns, ri.name()));
      case "POST" -> throw ApiException.methodNotAllowed("POST is not supported on a single " + t.singular() + "; POST to the collection");
      default -> throw ApiException.methodNotAllowed(ex.method() + " is not supported on " + t.plural());
    }
  }

  static boolean dryRun(Exchange ex) {
    String d = ex.param("dryRun");
    if (d == null || d.isEmpty()) return false;
    if (!d.equals("All")) throw ApiException.badRequest("dryRun must be \"All\", not \"" + d + "\"");
    return true;
  }

  private void create(Exchange ex, ResourceType t, String ns, Responder out, UserInfo user) {
    if (t.namespaced() && ns == null) {
      throw ApiException.badRequest("a " + t.kind() + " is namespaced: POST it to /.../namespaces/<namespace>/" + t.plural());
    }
    ObjectNode obj = decode(ex, t);
    String bodyNs = Json.meta(obj).path("namespace").asText("");
    if (t.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object (" + bodyNs
          + ") does not match the namespace sent on the request (" + ns + ")");
    }
    if (user != null) guard.check(user, t, ns, obj, null);
    out.object(ex, 201, t, writes.create(t, ns, obj, dryRun(ex)));
  }

  /** The request body as an object of kind t: kind checked, unknown fields handled per fieldValidation. */
  public static ObjectNode decode(Exchange ex, ResourceType t) {
    String media = BodyDecoder.mediaType(ex.header("Content-Type"));
    List<String> duplicates = new ArrayList<>();
    ObjectNode obj = switch (media) {
      case "application/json", "application/yaml" -> BodyDecoder.parseObject(ex.body(), media, duplicates);
      case KubeProtobuf.MEDIA_TYPE -> {
        try {
          yield KubeProtobuf.decode(ex.body());
        } catch (ProtobufException e) {
          throw new ApiException(415, "UnsupportedMediaType", e.getMessage(), t.group(), t.kind(), null, List.of());
        }
      }
      default -> throw ApiException.unsupportedMediaType(media);
    };
    Admission.checkKind(t, obj);
    return Admission.unknownFields(t, obj, duplicates, ex);
  }

  private void update(Exchange ex, ResourceType t, String ns, String name, Responder out, UserInfo user) {
    ObjectNode obj = decode(ex, t);
    checkName(obj, name, ns, t);
    ObjectNode current = writes.get(t, ns, name);
    if (user != null) guard.check(user, t, ns, obj, current);
    keepSubresourceParts(t, current, obj);
    out.object(ex, 200, t, writes.update(t, ns, current, obj, dryRun(ex)));
  }

  /**
   * The parts only a subresource may change keep their stored value on a main-resource write:
   * status, and a Namespace's spec (changed only through namespaces/finalize).
   */
  private static void keepSubresourceParts(ResourceType t, ObjectNode current, ObjectNode next) {
    if (t.hasSubresource("status")) next.set("status", current.get("status"));
    if (t.hasSubresource("finalize")) next.set("spec", current.get("spec"));
  }

  static void checkName(ObjectNode obj, String name, String ns, ResourceType t) {
    String bodyName = Json.meta(obj).path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
    }
    Json.meta(obj).put("name", name);
    String bodyNs = Json.meta(obj).path("namespace").asText("");
    if (t.namespaced() && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object (" + bodyNs
          + ") does not match the namespace sent on the request (" + ns + ")");
    }
  }

  private void patch(Exchange ex, ResourceType t, String ns, String name, Responder out, UserInfo user) {
    String media = BodyDecoder.mediaType(ex.header("Content-Type"));
    if (!Patches.TYPES.contains(media)) throw ApiException.unsupportedMediaType(media);
    JsonNode patch = BodyDecoder.parse(ex.body(), media);
    boolean apply = media.equals("application/apply-patch+yaml");
    if (apply && (ex.param("fieldManager") == null || ex.param("fieldManager").isEmpty())) {
      throw ApiException.badRequest("PATCH with application/apply-patch+yaml requires the fieldManager parameter");
    }
    boolean dry = dryRun(ex);
    for (int attempt = 0; ; attempt++) {
      ObjectNode current = writes.store().get(t, ns, name).orElse(null);
      if (current == null) {
        if (!apply) throw ApiException.notFound(t.group(), t.plural(), name);
        ObjectNode obj = ((ObjectNode) patch).deepCopy();
        Admission.checkKind(t, obj);
        obj = Admission.unknownFields(t, obj, List.of(), ex);
        checkName(obj, name, ns, t);
        if (user != null) guard.check(user, t, ns, obj, null);
        out.object(ex, 201, t, writes.create(t, ns, obj, dry));
        return;
      }
      ObjectNode patched = Patches.apply(media, current.deepCopy(), patch, t.model(), t.kind(), name);
      Admission.checkKind(t, patched);
      patched = Admission.unknownFields(t, patched, List.of(), ex);
      checkName(patched, name, ns, t);
      keepSubresourceParts(t, current, patched);
      if (user != null) guard.check(user, t, ns, patched, current);
      if (!patchSetsVersion(patch)) Json.meta(patched).remove("resourceVersion");
      try {
        out.object(ex, 200, t, writes.update(t, ns, current, patched, dry));
        return;
      } catch (ApiException e) {
        if (e.code() != 409 || patchSetsVersion(patch) || attempt >= 4) throw e;
      }
    }
  }

  /** A patch that names a resourceVersion asks for optimistic concurrency; others are retried. */
  static boolean patchSetsVersion(JsonNode patch) {
    if (patch.isObject()) return patch.path("metadata").hasNonNull("resourceVersion");
    for (JsonNode op : patch) if (op.path("path").asText().equals("/metadata/resourceVersion")) return true;
    return false;
  }
}
