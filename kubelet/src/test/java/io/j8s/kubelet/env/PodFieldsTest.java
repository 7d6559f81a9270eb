package io.j8s.kubelet.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodFieldsTest {
  @Test
  void goQuoting() {
    assertThat(PodFields.goQuote("plain")).isEqualTo("\"plain\"");
    assertThat(PodFields.goQuote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(PodFields.goQuote("\t\n\r\u0007\u000b\f\b")).isEqualTo("\"\\t\\n\\r\\a\\v\\f\\b\"");
    assertThat(PodFields.goQuote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
    assertThat(PodFields.goQuote("héllo 世界 😀")).isEqualTo("\"héllo 世界 😀\"");
    assertThat(PodFields.goQuote("\u200b\u00a0")).isEqualTo("\"\\u200b\\u00a0\"");
  }

  @Test
  void mapsAreSortedLinesWithoutTrailingNewline() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("z", "1");
    m.put("a", "x y");
    m.put("m", "");
    assertThat(PodFields.formatMap(m)).isEqualTo("a=\"x y\"\nm=\"\"\nz=\"1\"");
    assertThat(PodFields.formatMap(Map.of())).isEmpty();
  }

  @Test
  void subscripts() {
    assertThat(PodFields.splitSubscript("metadata.labels['a.b/c']")).containsExactly("metadata.labels", "a.b/c");
    assertThat(PodFields.splitSubscript("metadata.labels")).isNull();
    assertThat(PodFields.splitSubscript("['x']")).isNull();
    assertThat(PodFields.splitSubscript("metadata.labels['']")).containsExactly("metadata.labels", "");
  }

  @Test
  void volumeFieldsAreMetadataOnly() throws Exception {
    var pod = Pods.simple(Pods.container("c").build());
    assertThat(PodFields.metadata("metadata.labels", pod)).isEqualTo("app=\"web\"\ntier=\"front\"");
    assertThat(PodFields.metadata("metadata.annotations['note']", pod)).isEqualTo("say \"hi\"\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PodFields.metadata("spec.nodeName", pod))
        .hasMessage("unsupported fieldPath: spec.nodeName");
  }
}
