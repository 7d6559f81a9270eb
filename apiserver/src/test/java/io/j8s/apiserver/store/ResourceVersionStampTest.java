package io.j8s.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Splicing the resourceVersion into stored JSON gives the bytes that parse, set and serialize give. */
class ResourceVersionStampTest {
  private static byte[] viaTree(String json, long rev) throws Exception {
    ObjectNode o = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    Json.meta(o).put("resourceVersion", Long.toString(rev));
    return Json.bytes(o);
  }

  private static void assertSame(String json) throws Exception {
    byte[] stamped = ResourceVersionStamp.stamp(json.getBytes(StandardCharsets.UTF_8), 42);
    assertThat(stamped).isNotNull();
    assertThat(new String(stamped, StandardCharsets.UTF_8)).isEqualTo(new String(viaTree(json, 42), StandardCharsets.UTF_8));
  }

  @Test
  void addsTheFieldLastInMetadata() throws Exception {
    assertSame("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"y}\"},"
        + "\"finalizers\":[\"a\",{\"b\":[1,2]}]},\"data\":{\"k\":\"v\"}}");
    assertSame("{\"kind\":\"ConfigMap\",\"data\":{\"metadata\":{}},\"metadata\":{\"name\":\"\u00e9\\\"}\"}}");
    assertSame("{\"metadata\":{}}");
    assertSame("{\"a\":[{\"metadata\":{}}],\"metadata\":{\"annotations\":{\"k\":\"{\\\"nested\\\":1}\"}},\"z\":null}");
  }

  @Test
  void refusesWhatItCannotSplice() {
    assertThat(ResourceVersionStamp.stamp("{\"kind\":\"X\"}".getBytes(StandardCharsets.UTF_8), 1)).isNull();
    assertThat(ResourceVersionStamp.stamp("{\"metadata\":null}".getBytes(StandardCharsets.UTF_8), 1)).isNull();
    assertThat(ResourceVersionStamp.stamp("{\"metadata\":{\"resourceVersion\":\"3\"}}".getBytes(StandardCharsets.UTF_8), 1)).isNull();
    assertThat(ResourceVersionStamp.stamp("[]".getBytes(StandardCharsets.UTF_8), 1)).isNull();
  }

  @Test
  void storedObjectFallsBackToTheTree() throws Exception {
    StoredObject s = new StoredObject("{\"kind\":\"X\"}".getBytes(StandardCharsets.UTF_8), 7);
    assertThat(new String(s.json(), StandardCharsets.UTF_8)).isEqualTo("{\"kind\":\"X\",\"metadata\":{\"resourceVersion\":\"7\"}}");
    assertThat(s.tree().path("metadata").path("resourceVersion").asText()).isEqualTo("7");
  }
}
