package io.j8s.controllers.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationPlannerTest {
  static PolicyRule rule(String verb, String resource) {
    return new PolicyRuleBuilder().withVerbs(verb).withApiGroups("").withResources(resource).build();
  }

  static ClusterRole role(String name, Map<String, String> labels, PolicyRule... rules) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withRules(rules).build();
  }

  static ClusterRole aggregated(String name, Map<String, String> labels, String selectsLabel) {
    return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewAggregationRule().addNewClusterRoleSelector().withMatchLabels(Map.of(selectsLabel, "true")).endClusterRoleSelector()
        .endAggregationRule().build();
  }

  @Test
  void unionOfMatchingRolesInNameOrderWithoutDuplicates() {
    ClusterRole view = aggregated("view", Map.of("agg-edit", "true"), "agg-view");
    List<ClusterRole> all = List.of(view,
        role("z-extra", Map.of("agg-view", "true"), rule("get", "widgets"), rule("get", "pods")),
        role("a-base", Map.of("agg-view", "true"), rule("get", "pods")),
        role("other", Map.of("agg-view", "false"), rule("delete", "pods")));
    assertThat(AggregationPlanner.rules(view, all)).containsExactly(rule("get", "pods"), rule("get", "widgets"));
  }

  @Test
  void chainsAggregateThroughAggregatedRolesRules() {
    ClusterRole view = aggregated("view", Map.of("agg-edit", "true"), "agg-view").toBuilder().withRules(rule("get", "pods")).build();
    ClusterRole edit = aggregated("edit", Map.of(), "agg-edit");
    List<ClusterRole> all = List.of(view, edit, role("e", Map.of("agg-edit", "true"), rule("create", "pods")));
    assertThat(AggregationPlanner.rules(edit, all)).containsExactly(rule("create", "pods"), rule("get", "pods"));
  }

  @Test
  void notAggregatedMeansNoPlanAndSameDetectsNoChange() {
    ClusterRole plain = role("p", Map.of(), rule("get", "pods"));
    assertThat(AggregationPlanner.rules(plain, List.of(plain))).isNull();
    assertThat(AggregationPlanner.same(null, List.of())).isTrue();
    assertThat(AggregationPlanner.same(List.of(rule("get", "pods")), List.of())).isFalse();
    ClusterRole self = aggregated("self", Map.of("agg-view", "true"), "agg-view");
    assertThat(AggregationPlanner.rules(self, List.of(self))).isEmpty();
  }
}
