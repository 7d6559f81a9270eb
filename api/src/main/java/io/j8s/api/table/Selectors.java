package io.j8s.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label maps and label selectors printed the way kubectl prints them. */
final class Selectors {
  private Selectors() {}

  /** {@code a=1,b=2} sorted by key; {@code <none>} when empty. */
  static String labels(JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) return "<none>";
    TreeMap<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /**
   * A LabelSelector as a selector string: requirements sorted by key, e.g.
   * {@code app=web,tier in (a,b),!legacy}; "" for an empty selector (matches everything).
   */
  static String selector(JsonNode selector) {
    if (selector == null || !selector.isObject()) return "<none>";
    List<Map.Entry<String, String>> reqs = new ArrayList<>();
    JsonNode labels = selector.path("matchLabels");
    if (labels.isObject()) labels.fields().forEachRemaining(e -> reqs.add(Map.entry(e.getKey(), e.getKey() + "=" + e.getValue().asText())));
    for (JsonNode expr : Nodes.list(selector, "matchExpressions")) {
      String key = Nodes.text(expr, "key");
      List<String> values = new ArrayList<>();
      Nodes.list(expr, "values").forEach(v -> values.add(v.asText()));
      values.sort(null);
      String text = switch (Nodes.text(expr, "operator")) {
        case "In" -> key + " in (" + String.join(",", values) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
        case "Exists" -> key;
        case "DoesNotExist" -> "!" + key;
        default -> key + " " + Nodes.text(expr, "operator") + " (" + String.join(",", values) + ")";
      };
      reqs.add(Map.entry(key, text));
    }
    reqs.sort(Map.Entry.comparingByKey());
    return String.join(",", reqs.stream().map(Map.Entry::getValue).toList());
  }

  /** Like {@link #selector} but {@code <none>} for an empty or missing selector. */
  static String selectorOrNone(JsonNode selector) {
    String s = selector(selector);
    return s.isEmpty() ? "<none>" : s;
  }
}
