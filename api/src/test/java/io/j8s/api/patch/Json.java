package io.j8s.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helper: JSON from single-quoted text. */
final class Json {
  private static final ObjectMapper M = new ObjectMapper();

  private Json() {}

  static JsonNode of(String s) {
    try {
      return M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
