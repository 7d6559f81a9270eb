package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.fields.StrictJson;
import io.j8s.apiserver.errors.ApiException;
import java.util.List;
import java.util.Locale;

/** Request bodies to JSON trees: JSON or YAML by Content-Type; everything else is refused. */
final class BodyDecoder {
  private BodyDecoder() {}

  static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) return "application/json";
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** Parses a JSON or YAML body (as the media type says) into a tree; duplicate keys keep the last value. */
  static JsonNode parse(byte[] body, String mediaType) {
    return parse(body, mediaType, new java.util.ArrayList<>());
  }

  /** As {@link #parse(byte[], String)}, adding upstream-style messages for duplicate keys to {@code duplicates}. */
  static JsonNode parse(byte[] body, String mediaType, List<String> duplicates) {
    if (body.length == 0) throw ApiException.badRequest("the request body is empty: send the object as JSON or YAML");
    StrictJson.Result r = switch (mediaType) {
      case "application/json", "application/json-patch+json", "application/merge-patch+json",
           "application/strategic-merge-patch+json" -> StrictJson.parseJson(body);
      case "application/yaml", "application/apply-patch+yaml", "application/x-yaml", "text/yaml" -> StrictJson.parseYaml(body);
      default -> throw ApiException.unsupportedMediaType(mediaType);
    };
    return switch (r) {
      case StrictJson.Malformed m -> throw ApiException.badRequest("the request body could not be decoded as " + mediaType + ": " + m.message());
      case StrictJson.Parsed p -> {
        if (p.node() == null || p.node().isMissingNode() || p.node().isNull()) {
          throw ApiException.badRequest("the request body is empty: send the object as JSON or YAML");
        }
        duplicates.addAll(p.errors());
        yield p.node();
      }
    };
  }

  static ObjectNode parseObject(byte[] body, String mediaType) {
    return parseObject(body, mediaType, new java.util.ArrayList<>());
  }

  static ObjectNode parseObject(byte[] body, String mediaType, List<String> duplicates) {
    JsonNode n = parse(body, mediaType, duplicates);
    if (!n.isObject()) throw ApiException.badRequest("the request body must be a JSON or YAML object, not " + n.getNodeType().name().toLowerCase(Locale.ROOT));
    return (ObjectNode) n;
  }
}
