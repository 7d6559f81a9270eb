package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.store.Json;
import java.io.IOException;
import java.util.Locale;

/** Request bodies to JSON trees: JSON or YAML by Content-Type; everything else is refused. */
final class BodyDecoder {
  private static final YAMLMapper YAML = new YAMLMapper();

  private BodyDecoder() {}

  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) return "application/json";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Parses a JSON or YAML body (as the media type says) into a tree. */
  static JsonNode parse(byte[] body, String mediaType) {
    if (body.length == 0) throw ApiException.badRequest("the request body is empty: send the object as JSON or YAML");
    try {
      JsonNode n = switch (mediaType) {
        case "application/json", "application/json-patch+json", "application/merge-patch+json",
             "application/strategic-merge-patch+json" -> Json.MAPPER.readTree(body);
        case "application/yaml", "application/apply-patch+yaml", "application/x-yaml", "text/yaml" -> YAML.readTree(body);
        default -> throw ApiException.unsupportedMediaType(mediaType);
      };
      if (n == null || n.isMissingNode()) throw ApiException.badRequest("the request body is empty: send the object as JSON or YAML");
      return n;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      int nl = msg.indexOf('\n');
      if (nl > 0) msg = msg.substring(0, nl);
      throw ApiException.badRequest("the request body could not be decoded as " + mediaType + ": " + msg);
    }
  }

  static ObjectNode parseObject(byte[] body, String mediaType) {
    JsonNode n = parse(body, mediaType);
    if (!n.isObject()) throw ApiException.badRequest("the request body must be a JSON or YAML object, not " + n.getNodeType().name().toLowerCase(Locale.ROOT));
    return (ObjectNode) n;
  }
}
