package io.j8s.kubelet.images;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough compact JSON writing for OCI documents; key order is the caller's, so output is deterministic. */
final class Json {
  private Json() {}

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  static String strings(List<String> values) {
    return values.stream().map(Json::str).collect(Collectors.joining(",", "[", "]"));
  }

  /** An object from already-rendered values, in the map's iteration order. */
  static String object(Map<String, String> rendered) {
    return rendered.entrySet().stream().map(e -> str(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
  }
}
