package io.j8s.controllers.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {
  static final Map<String, String> LABELS = Map.of("zone", "a", "cores", "16");

  static NodeSelectorTerm expr(String key, String op, String... values) {
    return new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, op, List.of(values))), null);
  }

  static NodeSelectorTerm field(String op, String... values) {
    return new NodeSelectorTerm(null, List.of(new NodeSelectorRequirement("metadata.name", op, List.of(values))));
  }

  @Test void selectorNeedsEveryLabelAndTermsAreOred() {
    assertThat(NodeSelection.matches(Map.of("zone", "a"), null, LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(Map.of("zone", "b"), null, LABELS, "n1")).isFalse();
    assertThat(NodeSelection.matches(null, List.of(expr("zone", "In", "b"), expr("zone", "In", "a")), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(Map.of("zone", "a"), List.of(expr("zone", "In", "b")), LABELS, "n1")).isFalse();
  }

  @Test void operators() {
    assertThat(NodeSelection.matches(expr("zone", "NotIn", "b"), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(expr("gpu", "NotIn", "x"), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(expr("gpu", "Exists"), LABELS, "n1")).isFalse();
    assertThat(NodeSelection.matches(expr("gpu", "DoesNotExist"), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(expr("cores", "Gt", "8"), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(expr("cores", "Lt", "8"), LABELS, "n1")).isFalse();
    assertThat(NodeSelection.matches(expr("zone", "Gt", "8"), LABELS, "n1")).as("not a number").isFalse();
  }

  @Test void emptyTermMatchesNothingAndFieldsAreNameInOrNotIn() {
    assertThat(NodeSelection.matches(new NodeSelectorTerm(null, null), LABELS, "n1")).isFalse();
    assertThat(NodeSelection.matches(field("In", "n1"), LABELS, "n1")).isTrue();
    assertThat(NodeSelection.matches(field("NotIn", "n1"), LABELS, "n1")).isFalse();
    assertThat(NodeSelection.matches(field("Exists"), LABELS, "n1")).isFalse();
  }
}
