package io.j8s.apiserver.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Adds {@code "resourceVersion":"N"} as the last field of {@code metadata} in stored JSON by
 * splicing bytes: the same bytes as parsing, setting the field and serializing again, for the
 * cost of scanning the top level and the metadata object.
 */
final class ResourceVersionStamp {
  private ResourceVersionStamp() {}

  /** The stamped JSON, or null when {@code json} is not an object with a metadata object free of resourceVersion. */
  static byte[] stamp(byte[] json, long revision) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean metadata = p.currentName().equals("metadata");
        JsonToken value = p.nextToken();
        if (!metadata) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_OBJECT) return null;
        boolean empty = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          if (p.currentName().equals("resourceVersion")) return null;
          empty = false;
          p.nextToken();
          p.skipChildren();
        }
        long end = p.currentTokenLocation().getByteOffset(); // the metadata's closing brace
        if (p.currentToken() != JsonToken.END_OBJECT || end < 0 || end >= json.length || json[(int) end] != '}') return null;
        byte[] field = ((empty ? "" : ",") + "\"resourceVersion\":\"" + revision + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[json.length + field.length];
        System.arraycopy(json, 0, out, 0, (int) end);
        System.arraycopy(field, 0, out, (int) end, field.length);
        System.arraycopy(json, (int) end, out, (int) end + field.length, json.length - (int) end);
        return out;
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
