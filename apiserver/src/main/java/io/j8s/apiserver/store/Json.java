package io.j8s.apiserver.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The server's one JSON mapper and small tree helpers. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode parseObject(byte[] data) throws IOException {
    JsonNode n = MAPPER.readTree(data);
    if (n == null || !n.isObject()) throw new IOException("expected a JSON object");
    return (ObjectNode) n;
  }

  /** metadata, created if absent. */
  public static ObjectNode meta(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode o) return o;
    return obj.putObject("metadata");
  }

  public static String text(JsonNode n, String... path) {
    JsonNode cur = n;
    for (String p : path) {
      if (cur == null) return null;
      cur = cur.get(p);
    }
    return cur == null || cur.isNull() ? null : cur.asText();
  }
}
