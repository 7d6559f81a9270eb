package io.j8s.api.table;

import static io.j8s.api.table.TableFixtures.NOW;
import static io.j8s.api.table.TableFixtures.json;
import static io.j8s.api.table.TableFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.j8s.api.registry.ResourceType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableConverterTest {
  static final JsonNode CM = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'a','namespace':'ns',"
      + "'labels':{'x':'1'},'resourceVersion':'5','creationTimestamp':'2025-06-01T11:59:00Z'},'data':{'k':'v'}}");

  @Test
  void tableEnvelopeColumnsAndListMeta() {
    ObjectNode t = TableConverter.toTable(type("v1", "ConfigMap"), List.of(CM), null, NOW, "42", "tok");
    assertThat(t.get("kind").asText()).isEqualTo("Table");
    assertThat(t.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(t.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"42\",\"continue\":\"tok\"}");
    assertThat(t.get("columnDefinitions").get(0).toString()).isEqualTo(
        "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":\"Name must be unique within a namespace.\",\"priority\":0}");
    assertThat(t.get("rows").get(0).get("cells").toString()).isEqualTo("[\"a\",1,\"60s\"]");
    ObjectNode empty = TableConverter.toTable(type("v1", "ConfigMap"), List.of(), "None", NOW, null, "");
    assertThat(empty.get("metadata").isEmpty()).isTrue();
    assertThat(empty.get("rows").isEmpty()).isTrue();
  }

  @Test
  void includeObjectChoosesWhatEachRowCarries() {
    ResourceType cm = type("v1", "ConfigMap");
    JsonNode metadata = TableConverter.toTable(cm, List.of(CM), "Metadata", NOW, "1", null).get("rows").get(0).get("object");
    assertThat(metadata.get("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(metadata.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(metadata.get("metadata")).isEqualTo(CM.get("metadata"));
    assertThat(metadata.has("data")).isFalse();
    assertThat(TableConverter.toTable(cm, List.of(CM), "", NOW, "1", null).get("rows").get(0).get("object").get("kind").asText())
        .isEqualTo("PartialObjectMetadata");
    assertThat(TableConverter.toTable(cm, List.of(CM), "Object", NOW, "1", null).get("rows").get(0).get("object")).isEqualTo(CM);
    assertThat(TableConverter.toTable(cm, List.of(CM), "None", NOW, "1", null).get("rows").get(0).has("object")).isFalse();
    assertThatThrownBy(() -> TableConverter.toTable(cm, List.of(CM), "Everything", NOW, "1", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Everything").hasMessageContaining("Metadata");
  }

  @Test
  void otherKindsGetNameAndAge() {
    ResourceType widget = new ResourceType("example.com", "v1", "Widget", "widgets", "widget", true, List.of(), List.of(),
        Set.of(), GenericKubernetesResource.class, "example.com", "widgets");
    ObjectNode t = TableConverter.toTable(widget, List.of(json("{'metadata':{'name':'w','creationTimestamp':'2025-06-01T09:00:00Z'}}")),
        "None", NOW, "1", null);
    assertThat(t.get("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Age");
    assertThat(t.get("rows").get(0).get("cells").toString()).isEqualTo("[\"w\",\"3h\"]");
  }

  @Test
  void everyServedKindRendersARowMatchingItsColumns() {
    for (ResourceType t : io.j8s.api.registry.ResourceRegistry.builtins().all()) {
      ObjectNode table = TableConverter.toTable(t, List.of(json("{'metadata':{'name':'n'}}")), "None", NOW, "1", null);
      assertThat(table.get("rows").get(0).get("cells").size()).as(t.kind() + " cells")
          .isEqualTo(table.get("columnDefinitions").size());
    }
  }
}
