package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  static ObjectNode named(List<ObjectNode> l, String name) {
    return l.stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void defaultsAreCreatedThenLeftAlone() {
    for (ObjectNode r : BootstrapPolicy.clusterRoles()) {
      assertThat(Bootstrap.planRole(null, r)).isInstanceOf(Bootstrap.Step.Create.class);
      assertThat(Bootstrap.planRole(r.deepCopy(), r)).isInstanceOf(Bootstrap.Step.Keep.class);
    }
    for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) {
      assertThat(Bootstrap.planBinding(null, b)).isInstanceOf(Bootstrap.Step.Create.class);
      assertThat(Bootstrap.planBinding(b.deepCopy(), b)).isInstanceOf(Bootstrap.Step.Keep.class);
    }
  }

  @Test
  void missingRulesAreAddedExtraOnesKept() {
    ObjectNode want = named(BootstrapPolicy.clusterRoles(), "system:basic-user");
    ObjectNode have = Policies.role("system:basic-user", Rule.resources(List.of("get"), List.of(""), List.of("extra")));
    have.with("metadata").putObject("annotations").put(BootstrapPolicy.AUTOUPDATE, "true");
    Bootstrap.Step s = Bootstrap.planRole(have, want);
    assertThat(s).isInstanceOf(Bootstrap.Step.Update.class);
    ObjectNode next = ((Bootstrap.Step.Update) s).obj();
    assertThat(Coverage.missing(Rule.ofRole(next), Rule.ofRole(want))).isEmpty();
    assertThat(Rule.ofRole(next)).contains(Rule.resources(List.of("get"), List.of(""), List.of("extra")));
    assertThat(next.path("metadata").path("labels").path("kubernetes.io/bootstrapping").asText()).isEqualTo("rbac-defaults");
    assertThat(Bootstrap.planRole(next, want)).isInstanceOf(Bootstrap.Step.Keep.class);
  }

  @Test
  void autoupdateFalseIsRespected() {
    ObjectNode want = named(BootstrapPolicy.clusterRoles(), "view");
    ObjectNode have = Policies.role("view");
    have.with("metadata").putObject("annotations").put(BootstrapPolicy.AUTOUPDATE, "false");
    assertThat(Bootstrap.planRole(have, want)).isInstanceOf(Bootstrap.Step.Keep.class);
  }

  @Test
  void aggregatedRolesGetSelectorsNotRules() {
    ObjectNode want = named(BootstrapPolicy.clusterRoles(), "edit");
    ObjectNode have = want.deepCopy();
    have.remove("aggregationRule");
    have.putArray("rules").add(Rule.resources(List.of("get"), List.of(""), List.of("pods")).toJson());
    ObjectNode next = ((Bootstrap.Step.Update) Bootstrap.planRole(have, want)).obj();
    assertThat(next.path("aggregationRule").path("clusterRoleSelectors").get(0).path("matchLabels")
        .path("rbac.authorization.k8s.io/aggregate-to-edit").asText()).isEqualTo("true");
    assertThat(next.path("rules")).hasSize(1);
  }

  @Test
  void bindingsGetMissingSubjectsAndAChangedRoleRefIsRecreated() {
    ObjectNode want = named(BootstrapPolicy.clusterRoleBindings(), "system:public-info-viewer");
    ObjectNode have = want.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) have.get("subjects")).remove(1);
    have.withArray("subjects").addObject().put("kind", "User").put("name", "extra");
    ObjectNode next = ((Bootstrap.Step.Update) Bootstrap.planBinding(have, want)).obj();
    assertThat(next.path("subjects")).hasSize(3);
    ObjectNode moved = want.deepCopy();
    moved.with("roleRef").put("name", "other");
    assertThat(Bootstrap.planBinding(moved, want)).isInstanceOf(Bootstrap.Step.Recreate.class);
  }

  /** What every authenticated user may do with the defaults alone; cluster-admin for masters. */
  @Test
  void defaultsGrantDiscoveryAndReviewsToEveryone() {
    PolicyIndex index = new PolicyIndex();
    for (ObjectNode r : BootstrapPolicy.clusterRoles()) index.putRole("", r.path("metadata").path("name").asText(), r);
    for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) index.putBinding("", b.path("metadata").path("name").asText(), b);
    Authorizer authz = new Authorizer(new RbacPolicy(index));
    UserInfo alice = new UserInfo("alice", List.of(UserInfo.AUTHENTICATED));
    assertThat(authz.authorize(Attributes.nonResource(alice, "get", "/apis/apps/v1")).allowed()).isTrue();
    assertThat(authz.authorize(Attributes.nonResource(alice, "get", "/openapi/v3")).allowed()).isTrue();
    assertThat(authz.authorize(Attributes.nonResource(alice, "get", "/metrics")).allowed()).isFalse();
    assertThat(authz.authorize(Attributes.resource(alice, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", "")).allowed()).isTrue();
    assertThat(authz.authorize(Attributes.resource(alice, "list", "", "pods", "", "default", "")).allowed()).isFalse();
    UserInfo sched = new UserInfo("system:kube-scheduler", List.of(UserInfo.AUTHENTICATED));
    assertThat(authz.authorize(Attributes.resource(sched, "create", "", "pods", "binding", "a", "p")).allowed()).isTrue();
    assertThat(index.rulesFor(new UserInfo("root", List.of(UserInfo.MASTERS)), "").rules()).contains(Rule.urls(List.of("*"), List.of("*")));
  }
}
