package io.j8s.apiserver.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A request failure that the API reports as a {@code Status} object. */
public final class ApiException extends RuntimeException {

  /** One entry of {@code details.causes}. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String kind;
  private final String name;
  private final String group;
  private final List<Cause> causes;

  public ApiException(int code, String reason, String message, String group, String kind, String name, List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.group = group;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
  }

  public int code() { return code; }
  public String reason() { return reason; }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, List.of());
  }
  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found", group, resource, name, List.of());
  }
  public static ApiException notFoundPath(String path) {
    return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null, List.of());
  }
  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists", group, resource, name, List.of());
  }
  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + why,
        group, resource, name, List.of());
  }
  public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
    StringBuilder m = new StringBuilder(kind + " \"" + name + "\" is invalid: ");
    if (causes.size() == 1) {
      m.append(causes.get(0).field()).append(": ").append(causes.get(0).message());
    } else {
      m.append('[');
      for (int i = 0; i < causes.size(); i++) {
        if (i > 0) m.append(", ");
        m.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
      }
      m.append(']');
    }
    return new ApiException(422, "Invalid", m.toString(), group, kind, name, causes);
  }
  public static ApiException forbidden(String message) {
    return new ApiException(403, "Forbidden", message, null, null, null, List.of());
  }
  /** As upstream's NewForbidden: details name the group, the resource (as kind) and the name. */
  public static ApiException forbidden(String message, String group, String resource, String name) {
    return new ApiException(403, "Forbidden", message, group, resource == null || resource.isEmpty() ? null : resource, name, List.of());
  }
  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, List.of());
  }
  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null, null, null, List.of());
  }
  public static ApiException notAcceptable(String message) {
    return new ApiException(406, "NotAcceptable", message, null, null, null, List.of());
  }
  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
        + "application/json, application/yaml, application/json-patch+json, application/merge-patch+json, "
        + "application/strategic-merge-patch+json, application/apply-patch+yaml (got \"" + contentType + "\")", null, null, null, List.of());
  }
  public static ApiException tooLarge(long limit) {
    return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit + " bytes", null, null, null, List.of());
  }
  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null, null, null, List.of());
  }
  public static ApiException gone(String message) {
    return new ApiException(410, "Gone", message, null, null, null, List.of());
  }
  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", "Internal error occurred: " + message, null, null, null, List.of());
  }
  public static ApiException unavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message, null, null, null, List.of());
  }

  private static String qualified(String group, String resource) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }

  /** The {@code Status} object for this failure. */
  public ObjectNode toStatus() {
    return status(code, reason, getMessage(), group, kind, name, causes);
  }

  public static ObjectNode status(int code, String reason, String message, String group, String kind, String name, List<Cause> causes) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", code < 300 ? "Success" : "Failure");
    if (message != null) s.put("message", message);
    if (reason != null) s.put("reason", reason);
    if (name != null || kind != null || !causes.isEmpty()) {
      ObjectNode d = s.putObject("details");
      if (name != null) d.put("name", name);
      if (group != null && !group.isEmpty()) d.put("group", group);
      if (kind != null) d.put("kind", kind);
      if (!causes.isEmpty()) {
        ArrayNode a = d.putArray("causes");
        for (Cause c : causes) {
          ObjectNode cn = a.addObject().put("reason", c.reason()).put("message", c.message());
          if (c.field() != null) cn.put("field", c.field());
        }
      }
    }
    s.put("code", code);
    return s;
  }
}
