package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.table.TableConverter;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.StoredObject;
import java.time.Instant;
import java.util.List;

/**
 * Writes objects and lists in the representation the client's Accept header asks for: plain
 * JSON, a meta.k8s.io/v1 Table (what kubectl get prints), or PartialObjectMetadata.
 */
public final class Responder {

  /** What the Accept header selected. */
  public enum Format { JSON, TABLE, METADATA }

  public static Format format(Exchange ex) {
    String accept = ex.header("Accept");
    if (accept == null || accept.isBlank()) return Format.JSON;
    boolean json = false;
    for (String part : accept.split(",")) {
      String p = part.trim().replace(" ", "");
      if (p.startsWith("application/json") || p.startsWith("*/*") || p.startsWith("application/*")) {
        if (p.contains("as=Table") && p.contains("g=meta.k8s.io") && p.contains("v=v1") && !p.contains("v=v1beta1")) return Format.TABLE;
        if (p.contains("as=PartialObjectMetadata") && p.contains("v=v1") && !p.contains("v=v1beta1")) return Format.METADATA;
        if (!p.contains("as=")) json = true;
      }
      if (p.startsWith("application/yaml")) json = true;
    }
    if (!json) throw ApiException.notAcceptable("only the following media types are accepted: application/json, "
        + "application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io");
    return Format.JSON;
  }

  public void json(Exchange ex, int code, JsonNode body) {
    ex.respond(code, "application/json", Json.bytes(body));
  }

  public void status(Exchange ex, ApiException e) {
    json(ex, e.code(), e.toStatus());
  }

  public void object(Exchange ex, int code, ResourceType t, ObjectNode obj) {
    switch (format(ex)) {
      case TABLE -> json(ex, code, TableConverter.toTable(t, List.of(obj), includeObject(ex), Instant.now(),
          Json.meta(obj).path("resourceVersion").asText(""), null));
      case METADATA -> json(ex, code, partial(obj));
      case JSON -> json(ex, code, obj);
    }
  }

  /** An object as stored: its JSON is sent as it is when plain JSON is asked for. */
  public void object(Exchange ex, int code, ResourceType t, StoredObject obj) {
    if (format(ex) == Format.JSON) ex.respond(code, "application/json", obj.json());
    else object(ex, code, t, obj.tree());
  }

  public void list(Exchange ex, ResourceType t, List<ObjectNode> items, String rv, String cont, long remaining) {
    switch (format(ex)) {
      case TABLE -> json(ex, 200, TableConverter.toTable(t, List.copyOf(items), includeObject(ex), Instant.now(), rv, cont));
      case METADATA -> {
        ObjectNode l = listEnvelope("meta.k8s.io/v1", "PartialObjectMetadataList", rv, cont, remaining);
        ArrayNode a = l.putArray("items");
        for (ObjectNode o : items) a.add(partial(o));
        json(ex, 200, l);
      }
      case JSON -> {
        ObjectNode l = listEnvelope(t.apiVersion(), t.listKind(), rv, cont, remaining);
        ArrayNode a = l.putArray("items");
        for (ObjectNode o : items) a.add(o);
        json(ex, 200, l);
      }
    }
  }

  static ObjectNode listEnvelope(String apiVersion, String kind, String rv, String cont, long remaining) {
    ObjectNode l = JsonNodeFactory.instance.objectNode();
    l.put("kind", kind).put("apiVersion", apiVersion);
    ObjectNode m = l.putObject("metadata").put("resourceVersion", rv);
    if (cont != null) {
      m.put("continue", cont);
      if (remaining >= 0) m.put("remainingItemCount", remaining);
    }
    return l;
  }

  static String includeObject(Exchange ex) {
    String v = ex.param("includeObject");
    if (v == null || v.isEmpty()) return "Metadata";
    if (!List.of("None", "Metadata", "Object").contains(v)) {
      throw ApiException.badRequest("includeObject must be one of None, Metadata or Object, not \"" + v + "\"");
    }
    return v;
  }

  static ObjectNode partial(ObjectNode obj) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    p.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
    p.set("metadata", obj.get("metadata"));
    return p;
  }
}
