package io.j8s.apiserver.rbac;

import static io.j8s.apiserver.rbac.Policies.binding;
import static io.j8s.apiserver.rbac.Policies.role;
import static io.j8s.apiserver.rbac.Policies.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Decision;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RbacPolicyTest {
  static final UserInfo ALICE = new UserInfo("alice", List.of("dev", UserInfo.AUTHENTICATED));
  static final UserInfo BOB = new UserInfo("bob", List.of(UserInfo.AUTHENTICATED));
  static final UserInfo ROBOT = new UserInfo("system:serviceaccount:a:robot", List.of(UserInfo.AUTHENTICATED));
  static final UserInfo ROOT = new UserInfo("root", List.of(UserInfo.MASTERS));

  PolicyIndex index = new PolicyIndex();
  Authorizer authz = new Authorizer(new RbacPolicy(index));

  @BeforeEach
  void policy() {
    index.putRole("", "edit", role("edit", rule(List.of("get", "list", "create"), "apps", "deployments"),
        rule(List.of("get", "list"), "", "secrets", "pods", "pods/log")));
    index.putRole("", "discovery", role("discovery", Rule.urls(List.of("get"), List.of("/api", "/api/*"))));
    index.putRole("a", "cm-reader", role("cm-reader", rule(List.of("get"), "", "configmaps")));
    index.putRole("b", "cm-reader", role("cm-reader", rule(List.of("get"), "", "configmaps")));
    index.putBinding("a", "alice-edit", binding("alice-edit", "ClusterRole", "edit", "User:alice"));
    index.putBinding("a", "robot-cm", binding("robot-cm", "Role", "cm-reader", "ServiceAccount:robot"));
    index.putBinding("", "discovery", binding("discovery", "ClusterRole", "discovery", "Group:system:authenticated"));
    index.putBinding("b", "dev-cm", binding("dev-cm", "Role", "cm-reader", "Group:dev"));
  }

  Decision decide(UserInfo u, String verb, String group, String res, String sub, String ns, String name) {
    return authz.authorize(Attributes.resource(u, verb, group, res, sub, ns, name));
  }

  @Test
  void roleBindingGrantsOnlyInItsNamespace() {
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "a", "").allowed()).isTrue();
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "b", "").allowed()).isFalse();
    assertThat(decide(ALICE, "list", "", "secrets", "", "b", "").allowed()).isFalse();
    assertThat(decide(ALICE, "list", "", "secrets", "", "", "").allowed()).isFalse();
    assertThat(decide(BOB, "list", "", "secrets", "", "a", "").allowed()).isFalse();
  }

  @Test
  void allowReasonNamesTheBindingAsUpstream() {
    assertThat(decide(ALICE, "get", "", "pods", "log", "a", "p").reason())
        .isEqualTo("RBAC: allowed by RoleBinding \"alice-edit/a\" of ClusterRole \"edit\" to User \"alice\"");
    assertThat(authz.authorize(Attributes.nonResource(BOB, "get", "/api/v1")).reason())
        .isEqualTo("RBAC: allowed by ClusterRoleBinding \"discovery\" of ClusterRole \"discovery\" to Group \"system:authenticated\"");
    assertThat(decide(ROBOT, "get", "", "configmaps", "", "a", "x").reason())
        .isEqualTo("RBAC: allowed by RoleBinding \"robot-cm/a\" of Role \"cm-reader\" to ServiceAccount \"a/robot\"");
  }

  @Test
  void groupsBindToo() {
    assertThat(decide(ALICE, "get", "", "configmaps", "", "b", "x").allowed()).isTrue();
    assertThat(decide(BOB, "get", "", "configmaps", "", "b", "x").allowed()).isFalse();
  }

  @Test
  void mastersNeedNoBinding() {
    assertThat(decide(ROOT, "delete", "", "nodes", "", "", "n").allowed()).isTrue();
    assertThat(authz.authorize(Attributes.nonResource(ROOT, "post", "/anything")).allowed()).isTrue();
  }

  @Test
  void bindingsToMissingRolesAreReported() {
    index.putBinding("c", "ghost", binding("ghost", "Role", "nope", "User:bob"));
    Decision d = decide(BOB, "get", "", "pods", "", "c", "");
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).isEqualTo("RBAC: role.rbac.authorization.k8s.io \"nope\" not found");
  }

  @Test
  void removalsAndChangesTakeEffect() {
    index.removeBinding("a", "alice-edit");
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "a", "").allowed()).isFalse();
    index.putBinding("a", "alice-edit", binding("alice-edit", "ClusterRole", "edit", "User:carol"));
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "a", "").allowed()).isFalse();
    index.putBinding("a", "alice-edit", binding("alice-edit", "ClusterRole", "edit", "User:alice"));
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "a", "").allowed()).isTrue();
    index.putRole("", "edit", role("edit"));
    assertThat(decide(ALICE, "create", "apps", "deployments", "", "a", "").allowed()).isFalse();
  }

  @Test
  void forbiddenMessagesAreUpstreams() {
    UserInfo u = ALICE;
    assertThat(Authorizer.forbidden(Attributes.resource(u, "list", "", "pods", "", "b", ""), "").getMessage())
        .isEqualTo("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"b\"");
    assertThat(Authorizer.forbidden(Attributes.resource(u, "get", "", "secrets", "", "b", "s1"), "").getMessage())
        .isEqualTo("secrets \"s1\" is forbidden: User \"alice\" cannot get resource \"secrets\" in API group \"\" in the namespace \"b\"");
    assertThat(Authorizer.forbidden(Attributes.resource(u, "create", "apps", "deployments", "scale", "b", "d"), "").getMessage())
        .isEqualTo("deployments.apps \"d\" is forbidden: User \"alice\" cannot create resource \"deployments/scale\" in API group \"apps\" in the namespace \"b\"");
    assertThat(Authorizer.forbidden(Attributes.resource(u, "list", "", "nodes", "", "", ""), "").getMessage())
        .isEqualTo("nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
    assertThat(Authorizer.forbidden(Attributes.nonResource(u, "get", "/metrics"), "").getMessage())
        .isEqualTo("forbidden: User \"alice\" cannot get path \"/metrics\"");
    assertThat(Authorizer.forbidden(Attributes.resource(u, "get", "", "pods", "", "c", ""), "RBAC: role.rbac.authorization.k8s.io \"x\" not found")
        .getMessage()).endsWith("in the namespace \"c\": RBAC: role.rbac.authorization.k8s.io \"x\" not found");
  }

  @Test
  void rulesForListsClusterThenNamespaceRules() {
    PolicyIndex.RuleSet s = index.rulesFor(ALICE, "a");
    assertThat(s.rules()).startsWith(Rule.urls(List.of("get"), List.of("/api", "/api/*")));
    assertThat(s.rules()).hasSize(3);
    assertThat(index.rulesFor(ALICE, "b").rules()).hasSize(2);
    assertThat(s.errors()).isEmpty();
  }
}
