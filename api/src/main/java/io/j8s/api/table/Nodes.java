package io.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** Null-safe reads of object JSON: missing or null values read as "", 0, false or empty. */
final class Nodes {
  private Nodes() {}

  static JsonNode at(JsonNode n, String... path) {
    JsonNode cur = n == null ? MissingNode.getInstance() : n;
    for (String p : path) cur = cur.path(p);
    return cur;
  }

  static String text(JsonNode n, String... path) {
    JsonNode v = at(n, path);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  static long num(JsonNode n, String... path) { return at(n, path).asLong(0); }

  static boolean bool(JsonNode n, String... path) { return at(n, path).asBoolean(false); }

  static boolean present(JsonNode n, String... path) {
    JsonNode v = at(n, path);
    return !v.isMissingNode() && !v.isNull();
  }

  static List<JsonNode> list(JsonNode n, String... path) {
    JsonNode v = at(n, path);
    List<JsonNode> out = new ArrayList<>();
    if (v.isArray()) v.forEach(out::add);
    return out;
  }

  static int size(JsonNode n, String... path) {
    JsonNode v = at(n, path);
    return v.isArray() || v.isObject() ? v.size() : 0;
  }
}
