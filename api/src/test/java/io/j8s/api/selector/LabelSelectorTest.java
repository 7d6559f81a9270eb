package io.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.j8s.api.selector.LabelSelector.Op;
import io.j8s.api.selector.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API LabelSelector object form. */
class LabelSelectorTest {
  static io.fabric8.kubernetes.api.model.LabelSelector expr(String key, String op, String... values) {
    return new LabelSelectorBuilder().addToMatchExpressions(
        new LabelSelectorRequirementBuilder().withKey(key).withOperator(op).withValues(values).build()).build();
  }

  @Test
  void nullSelectsNothingEmptySelectsEverything() throws Exception {
    assertThat(LabelSelector.from(null)).isInstanceOf(LabelSelector.Nothing.class);
    assertThat(LabelSelector.from(null).matches(Map.of())).isFalse();
    assertThat(LabelSelector.from(null).toString()).isEqualTo("<none>");
    LabelSelector empty = LabelSelector.from(new LabelSelectorBuilder().build());
    assertThat(empty).isInstanceOf(LabelSelector.Everything.class);
    assertThat(empty.matches(Map.of("a", "b"))).isTrue();
    assertThat(empty.toString()).isEmpty();
  }

  @Test
  void matchLabelsAreSortedEqualsAndExpressionsFollow() throws Exception {
    var sel = new LabelSelectorBuilder().withMatchLabels(Map.of("z", "1", "a", "2"))
        .addNewMatchExpression().withKey("env").withOperator("In").withValues("prod", "dev").endMatchExpression()
        .addNewMatchExpression().withKey("old").withOperator("DoesNotExist").endMatchExpression()
        .build();
    LabelSelector s = LabelSelector.from(sel);
    assertThat(((LabelSelector.All) s).requirements()).containsExactly(
        new Requirement("a", Op.EQUALS, Set.of("2")),
        new Requirement("z", Op.EQUALS, Set.of("1")),
        new Requirement("env", Op.IN, Set.of("dev", "prod")),
        new Requirement("old", Op.DOES_NOT_EXIST, Set.of()));
    assertThat(s.toString()).isEqualTo("a=2,z=1,env in (dev,prod),!old");
    assertThat(s.matches(Map.of("a", "2", "z", "1", "env", "dev"))).isTrue();
    assertThat(s.matches(Map.of("a", "2", "z", "1", "env", "dev", "old", "x"))).isFalse();
    assertThat(s.matches(Map.of("a", "2", "z", "1", "env", "qa"))).isFalse();
    assertThat(s.matches(Map.of("a", "2", "env", "dev"))).isFalse();
  }

  @Test
  void everyOperatorMapsToItsOp() throws Exception {
    assertThat(((LabelSelector.All) LabelSelector.from(expr("k", "NotIn", "v"))).requirements())
        .containsExactly(new Requirement("k", Op.NOT_IN, Set.of("v")));
    assertThat(((LabelSelector.All) LabelSelector.from(expr("k", "Exists"))).requirements())
        .containsExactly(new Requirement("k", Op.EXISTS, Set.of()));
    assertThat(LabelSelector.from(expr("k", "Exists")).matches(Map.of("k", ""))).isTrue();
    assertThat(LabelSelector.from(expr("k", "NotIn", "v")).matches(Map.of())).isTrue();
  }

  @Test
  void badOperatorsAndValueSetsAreRejected() {
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "Equals", "v"))).isInstanceOf(SelectorException.class)
        .hasMessage("\"Equals\" is not a valid label selector operator");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "in", "v"))).hasMessageContaining("\"in\" is not a valid");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "In")))
        .hasMessage("for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "NotIn")))
        .hasMessage("for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "Exists", "v")))
        .hasMessage("values set must be empty for exists and does not exist");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "DoesNotExist", "v")))
        .hasMessage("values set must be empty for exists and does not exist");
  }

  @Test
  void badKeysAndValuesInApiFormAreRejected() {
    assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder().withMatchLabels(Map.of("bad key", "v")).build()))
        .hasMessageContaining("invalid label key \"bad key\"");
    assertThatThrownBy(() -> LabelSelector.from(new LabelSelectorBuilder().withMatchLabels(Map.of("k", "v!")).build()))
        .hasMessageContaining("invalid label value: \"v!\"");
    assertThatThrownBy(() -> LabelSelector.from(expr("k", "In", "ok", "_bad")))
        .hasMessageContaining("invalid label value: \"_bad\"");
    assertThatThrownBy(() -> LabelSelector.from(expr("UP.example/k", "Exists")))
        .hasMessageContaining("prefix part must be a DNS-1123 subdomain");
  }

  @Test
  void apiAndStringFormsAgree() throws Exception {
    LabelSelector api = LabelSelector.from(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
        .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues(List.of("db")).endMatchExpression().build());
    LabelSelector str = LabelSelector.parse("app=web,tier notin (db)");
    assertThat(api).isEqualTo(str);
  }
}
