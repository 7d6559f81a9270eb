package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTest {
  static final UserInfo ALICE = new UserInfo("alice", List.of("dev", UserInfo.AUTHENTICATED));

  static Attributes req(String verb, String group, String resource, String sub, String ns, String name) {
    return Attributes.resource(ALICE, verb, group, resource, sub, ns, name);
  }

  static Rule rule(List<String> verbs, List<String> groups, List<String> resources) { return Rule.resources(verbs, groups, resources); }

  @Test
  void verbsGroupsAndResourcesMustAllMatch() {
    Rule r = rule(List.of("get", "list"), List.of(""), List.of("pods"));
    assertThat(r.allows(req("get", "", "pods", "", "a", "p"))).isTrue();
    assertThat(r.allows(req("list", "", "pods", "", "a", ""))).isTrue();
    assertThat(r.allows(req("watch", "", "pods", "", "a", ""))).isFalse();
    assertThat(r.allows(req("get", "apps", "pods", "", "a", ""))).isFalse();
    assertThat(r.allows(req("get", "", "secrets", "", "a", ""))).isFalse();
  }

  @Test
  void starMatchesEveryVerbGroupAndResource() {
    Rule r = rule(List.of("*"), List.of("*"), List.of("*"));
    assertThat(r.allows(req("escalate", "rbac.authorization.k8s.io", "clusterroles", "", "", "x"))).isTrue();
    assertThat(r.allows(req("get", "", "pods", "log", "a", "p"))).isTrue();
    assertThat(rule(List.of("*"), List.of(""), List.of("pods")).allows(req("deletecollection", "", "pods", "", "a", ""))).isTrue();
    assertThat(rule(List.of("get"), List.of("*"), List.of("deployments")).allows(req("get", "apps", "deployments", "", "a", ""))).isTrue();
  }

  @Test
  void subresourcesMatchOnlyWhenNamed() {
    assertThat(rule(List.of("get"), List.of(""), List.of("pods")).allows(req("get", "", "pods", "log", "a", "p"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("pods/log")).allows(req("get", "", "pods", "log", "a", "p"))).isTrue();
    assertThat(rule(List.of("get"), List.of(""), List.of("pods/log")).allows(req("get", "", "pods", "", "a", "p"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("pods/log")).allows(req("get", "", "pods", "exec", "a", "p"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("pods/log")).allows(req("get", "", "podsx", "log", "a", "p"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("*/status")).allows(req("get", "", "nodes", "status", "", "n"))).isTrue();
    assertThat(rule(List.of("get"), List.of(""), List.of("*/status")).allows(req("get", "", "nodes", "", "", "n"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("*/status")).allows(req("get", "", "nodes", "statusx", "", "n"))).isFalse();
    assertThat(rule(List.of("get"), List.of(""), List.of("pods/*")).allows(req("get", "", "pods", "log", "a", "p"))).isFalse();
  }

  @Test
  void resourceNamesLimitToThoseNames() {
    Rule r = rule(List.of("get", "update"), List.of("coordination.k8s.io"), List.of("leases")).withNames(List.of("kube-scheduler"));
    assertThat(r.allows(req("get", "coordination.k8s.io", "leases", "", "kube-system", "kube-scheduler"))).isTrue();
    assertThat(r.allows(req("get", "coordination.k8s.io", "leases", "", "kube-system", "other"))).isFalse();
    assertThat(r.allows(req("list", "coordination.k8s.io", "leases", "", "kube-system", ""))).isFalse();
    assertThat(r.allows(req("update", "coordination.k8s.io", "leases", "", "kube-system", ""))).isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByPrefixStar() {
    Rule r = Rule.urls(List.of("get"), List.of("/api", "/apis/*", "/healthz"));
    assertThat(r.allows(Attributes.nonResource(ALICE, "get", "/api"))).isTrue();
    assertThat(r.allows(Attributes.nonResource(ALICE, "get", "/api/v1"))).isFalse();
    assertThat(r.allows(Attributes.nonResource(ALICE, "get", "/apis/apps/v1"))).isTrue();
    assertThat(r.allows(Attributes.nonResource(ALICE, "get", "/apis"))).isFalse();
    assertThat(r.allows(Attributes.nonResource(ALICE, "post", "/healthz"))).isFalse();
    assertThat(Rule.urls(List.of("*"), List.of("*")).allows(Attributes.nonResource(ALICE, "delete", "/anything/at/all"))).isTrue();
    assertThat(r.allows(req("get", "", "api", "", "", ""))).isFalse();
    assertThat(rule(List.of("*"), List.of("*"), List.of("*")).allows(Attributes.nonResource(ALICE, "get", "/api"))).isFalse();
  }

  @Test
  void roundTripsAndCompactsLikeUpstream() {
    Rule r = rule(List.of("get", "list"), List.of(""), List.of("pods")).withNames(List.of("a"));
    assertThat(Rule.of(r.toJson())).isEqualTo(r);
    assertThat(r.compact()).isEqualTo("{APIGroups:[\"\"], Resources:[\"pods\"], ResourceNames:[\"a\"], Verbs:[\"get\" \"list\"]}");
    assertThat(Rule.urls(List.of("get"), List.of("/x")).compact()).isEqualTo("{NonResourceURLs:[\"/x\"], Verbs:[\"get\"]}");
  }
}
