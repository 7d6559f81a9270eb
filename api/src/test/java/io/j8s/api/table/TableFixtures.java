package io.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds objects from compact JSON (single quotes) and reads back one row's cells. */
final class TableFixtures {
  private TableFixtures() {}

  static final ObjectMapper M = new ObjectMapper();
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  /** An RFC 3339 timestamp {@code ago} before {@link #NOW}. */
  static String ago(Duration ago) { return NOW.minus(ago).toString(); }

  static JsonNode json(String s) {
    try {
      return M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException("bad fixture: " + s, e);
    }
  }

  static ResourceType type(String apiVersion, String kind) {
    return ResourceRegistry.builtins().byKind(apiVersion, kind).orElseThrow();
  }

  static ObjectNode table(String apiVersion, String kind, JsonNode... objects) {
    return TableConverter.toTable(type(apiVersion, kind), List.of(objects), "None", NOW, "7", null);
  }

  /** The cells of the single row: Strings and Longs. */
  static List<Object> cells(String apiVersion, String kind, String objectJson) {
    ObjectNode t = table(apiVersion, kind, json(objectJson));
    List<Object> out = new ArrayList<>();
    for (JsonNode c : t.get("rows").get(0).get("cells")) out.add(c.isNumber() ? (Object) c.asLong() : c.asText());
    return out;
  }

  /** The column names, each with "*" appended when shown only with -o wide. */
  static List<String> columns(String apiVersion, String kind) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : table(apiVersion, kind).get("columnDefinitions")) {
      out.add(c.get("name").asText() + (c.get("priority").asInt() > 0 ? "*" : ""));
    }
    return out;
  }
}
