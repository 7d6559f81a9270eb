package io.j8s.apiserver.services;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test Services from compact JSON (single quotes, unquoted names). */
final class Svc {
  private static final JsonMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

  private Svc() {}

  /** A Service "ns/name" with uid "u-name" and this spec. */
  static ObjectNode of(String name, String spec) {
    try {
      ObjectNode o = (ObjectNode) LENIENT.readTree("{apiVersion:'v1',kind:'Service',metadata:{namespace:'default',name:'" + name
          + "',uid:'u-" + name + "'},spec:" + spec + "}");
      return o;
    } catch (Exception e) {
      throw new IllegalArgumentException(spec, e);
    }
  }

  static ServiceFields fields(String name, String spec) { return ServiceFields.of(of(name, spec)); }
}
