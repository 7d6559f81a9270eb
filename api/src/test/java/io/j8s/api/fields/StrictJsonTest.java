package io.j8s.api.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  static StrictJson.Result json(String s) {
    return StrictJson.parseJson(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void reportsEveryDuplicateWithItsPathAndKeepsTheLastValue() {
    StrictJson.Result r = json("""
        {'metadata':{'name':'a','name':'b'},
         'spec':{'containers':[{'name':'c','image':'x'},{'name':'d','image':'y','image':'z'}]},
         'spec2':1, 'spec2':[1,2]}
        """);
    assertThat(r).isInstanceOf(StrictJson.Parsed.class);
    StrictJson.Parsed p = (StrictJson.Parsed) r;
    assertThat(p.duplicates()).containsExactly(".metadata.name", ".spec.containers[1].image", ".spec2");
    assertThat(p.errors()).containsExactly("json: duplicate field \"metadata.name\"",
        "json: duplicate field \"spec.containers[1].image\"", "json: duplicate field \"spec2\"");
    assertThat(p.node().at("/metadata/name").asText()).isEqualTo("b");
    assertThat(p.node().at("/spec/containers/1/image").asText()).isEqualTo("z");
    assertThat(p.node().get("spec2").toString()).isEqualTo("[1,2]");
  }

  @Test
  void cleanDocumentsParseWithTypesKept() {
    StrictJson.Parsed p = (StrictJson.Parsed) json("{'a':1,'b':12345678901,'c':1.5,'d':true,'e':null,'f':'s','g':[],'h':{}}");
    assertThat(p.duplicates()).isEmpty();
    assertThat(p.node().toString())
        .isEqualTo("{\"a\":1,\"b\":12345678901,\"c\":1.5,\"d\":true,\"e\":null,\"f\":\"s\",\"g\":[],\"h\":{}}");
    assertThat(p.node().get("b").isLong()).isTrue();
  }

  @Test
  void malformedInputSaysWhere() {
    assertThat(json("{'a':")).isInstanceOf(StrictJson.Malformed.class);
    StrictJson.Malformed m = (StrictJson.Malformed) json("{'a':1}\n{'b':2}");
    assertThat(m.message()).contains("after the document").contains("line 2");
    assertThat(json("")).isEqualTo(new StrictJson.Malformed("empty document"));
  }

  @Test
  void yamlDuplicatesAreFoundToo() {
    StrictJson.Result r = StrictJson.parseYaml("""
        metadata:
          name: a
          labels: {x: "1"}
          name: b
        spec:
          replicas: 2
        """.getBytes(StandardCharsets.UTF_8));
    StrictJson.Parsed p = (StrictJson.Parsed) r;
    assertThat(p.duplicates()).containsExactly(".metadata.name");
    assertThat(p.node().at("/metadata/name").asText()).isEqualTo("b");
    assertThat(p.node().at("/spec/replicas").asInt()).isEqualTo(2);
  }
}
