package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
  static Rule r(List<String> verbs, List<String> groups, List<String> resources) { return Rule.resources(verbs, groups, resources); }

  @Test
  void ownerHoldingEverythingCoversAnything() {
    assertThat(Coverage.missing(Coverage.FULL_AUTHORITY, List.of(r(List.of("get", "escalate"), List.of("", "apps"), List.of("pods", "x/y")),
        Rule.urls(List.of("get"), List.of("/metrics"))))).isEmpty();
  }

  @Test
  void missingAtomsAreListed() {
    List<Rule> owner = List.of(r(List.of("get", "list"), List.of(""), List.of("pods")));
    List<Rule> missing = Coverage.missing(owner, List.of(r(List.of("get", "delete"), List.of(""), List.of("pods", "secrets"))));
    assertThat(missing).containsExactly(
        r(List.of("delete"), List.of(""), List.of("pods")),
        r(List.of("get"), List.of(""), List.of("secrets")),
        r(List.of("delete"), List.of(""), List.of("secrets")));
    assertThat(Coverage.describe(missing)).isEqualTo(
        "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\"]}");
  }

  @Test
  void starsInTheRequestNeedStarsInTheOwner() {
    List<Rule> owner = List.of(r(List.of("get", "list", "watch", "create"), List.of("", "apps"), List.of("pods", "deployments")));
    assertThat(Coverage.missing(owner, List.of(r(List.of("*"), List.of(""), List.of("pods"))))).isNotEmpty();
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of("*"), List.of("pods"))))).isNotEmpty();
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of(""), List.of("*"))))).isNotEmpty();
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of("apps"), List.of("deployments"))))).isEmpty();
  }

  @Test
  void subresourcesAreCoveredByStarSlashOrExactly() {
    List<Rule> owner = List.of(r(List.of("get"), List.of(""), List.of("*/status", "pods/log")));
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of(""), List.of("nodes/status", "pods/log"))))).isEmpty();
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of(""), List.of("pods"))))).isNotEmpty();
    assertThat(Coverage.missing(owner, List.of(r(List.of("get"), List.of(""), List.of("pods/exec"))))).isNotEmpty();
  }

  @Test
  void resourceNamesOnlyNarrow() {
    List<Rule> named = List.of(r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("a", "b")));
    assertThat(Coverage.missing(named, List.of(r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("a"))))).isEmpty();
    assertThat(Coverage.missing(named, List.of(r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("c"))))).hasSize(1);
    assertThat(Coverage.missing(named, List.of(r(List.of("get"), List.of(""), List.of("secrets"))))).hasSize(1);
    List<Rule> any = List.of(r(List.of("get"), List.of(""), List.of("secrets")));
    assertThat(Coverage.missing(any, List.of(r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("z"))))).isEmpty();
  }

  @Test
  void nonResourceUrlsByPrefix() {
    List<Rule> owner = List.of(Rule.urls(List.of("get"), List.of("/apis/*", "/healthz")));
    assertThat(Coverage.missing(owner, List.of(Rule.urls(List.of("get"), List.of("/apis/apps", "/apis/*", "/healthz"))))).isEmpty();
    assertThat(Coverage.missing(owner, List.of(Rule.urls(List.of("get"), List.of("/healthz/ping"))))).hasSize(1);
    assertThat(Coverage.missing(owner, List.of(Rule.urls(List.of("post"), List.of("/healthz"))))).hasSize(1);
    assertThat(Coverage.missing(owner, List.of(Rule.urls(List.of("get"), List.of("*"))))).hasSize(1);
    assertThat(Coverage.missing(List.of(r(List.of("*"), List.of("*"), List.of("*"))), List.of(Rule.urls(List.of("get"), List.of("/x"))))).hasSize(1);
  }

  @Test
  void aRuleSplitOverSeveralOwnerRulesIsCovered() {
    List<Rule> owner = List.of(r(List.of("get"), List.of(""), List.of("pods")), r(List.of("list"), List.of(""), List.of("pods")),
        r(List.of("get", "list"), List.of(""), List.of("configmaps")));
    assertThat(Coverage.missing(owner, List.of(r(List.of("get", "list"), List.of(""), List.of("pods", "configmaps"))))).isEmpty();
  }

  @Test
  void compactMergesVerbsOfSimpleRulesOnly() {
    List<Rule> c = Coverage.compact(List.of(r(List.of("get"), List.of(""), List.of("pods")), r(List.of("list"), List.of(""), List.of("pods")),
        r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("s"))));
    assertThat(c).containsExactlyInAnyOrder(r(List.of("get", "list"), List.of(""), List.of("pods")),
        r(List.of("get"), List.of(""), List.of("secrets")).withNames(List.of("s")));
  }
}
