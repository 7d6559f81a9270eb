package io.j8s.apiserver.rbac;

import static io.j8s.apiserver.rbac.Policies.binding;
import static io.j8s.apiserver.rbac.Policies.role;
import static io.j8s.apiserver.rbac.Policies.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationGuardTest {
  static final ResourceRegistry REG = ResourceRegistry.builtins();
  static final ResourceType ROLES = REG.byPlural("rbac.authorization.k8s.io", "v1", "roles").orElseThrow();
  static final ResourceType CLUSTER_ROLES = REG.byPlural("rbac.authorization.k8s.io", "v1", "clusterroles").orElseThrow();
  static final ResourceType ROLE_BINDINGS = REG.byPlural("rbac.authorization.k8s.io", "v1", "rolebindings").orElseThrow();
  static final ResourceType CRBS = REG.byPlural("rbac.authorization.k8s.io", "v1", "clusterrolebindings").orElseThrow();
  static final UserInfo ALICE = new UserInfo("alice", List.of("dev", UserInfo.AUTHENTICATED));
  static final UserInfo ROOT = new UserInfo("root", List.of(UserInfo.MASTERS));

  PolicyIndex index = new PolicyIndex();
  EscalationGuard guard = new EscalationGuard(new Authorizer(new RbacPolicy(index)), () -> index);

  @BeforeEach
  void policy() {
    index.putRole("", "cluster-admin", role("cluster-admin", rule(List.of("*"), "*", "*"), Rule.urls(List.of("*"), List.of("*"))));
    index.putRole("", "edit", role("edit", rule(List.of("get", "list", "create"), "apps", "deployments"),
        rule(List.of("get", "list", "create", "update"), "rbac.authorization.k8s.io", "roles", "rolebindings")));
    index.putBinding("a", "alice-edit", binding("alice-edit", "ClusterRole", "edit", "User:alice"));
  }

  @Test
  void aRoleWithinHeldRulesMayBeWritten() {
    assertThatCode(() -> guard.check(ALICE, ROLES, "a", role("r", rule(List.of("get"), "apps", "deployments")), null)).doesNotThrowAnyException();
  }

  @Test
  void aRoleBeyondHeldRulesIsRefusedWithUpstreamsMessage() {
    assertThatThrownBy(() -> guard.check(ALICE, ROLES, "a", role("r", rule(List.of("get", "delete"), "", "secrets")), null))
        .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).code()).isEqualTo(403);
    assertThatThrownBy(() -> guard.check(ALICE, ROLES, "a", role("r", rule(List.of("get", "delete"), "", "secrets")), null))
        .hasMessage("roles.rbac.authorization.k8s.io \"r\" is forbidden: user \"alice\" (groups=[\"dev\" \"system:authenticated\"]) "
            + "is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\"]}");
    // held in namespace a only
    assertThatThrownBy(() -> guard.check(ALICE, ROLES, "b", role("r", rule(List.of("get"), "apps", "deployments")), null))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void escalateVerbLiftsTheCheck() {
    index.putRole("", "escalator", role("escalator", rule(List.of("escalate"), "rbac.authorization.k8s.io", "roles")));
    index.putBinding("a", "alice-esc", binding("alice-esc", "ClusterRole", "escalator", "User:alice"));
    assertThatCode(() -> guard.check(ALICE, ROLES, "a", role("r", rule(List.of("*"), "*", "*")), null)).doesNotThrowAnyException();
  }

  @Test
  void mastersMayDoAnything() {
    assertThatCode(() -> guard.check(ROOT, CRBS, null, binding("x", "ClusterRole", "cluster-admin", "User:root"), null)).doesNotThrowAnyException();
  }

  @Test
  void bindingToARoleNotHeldIsRefusedUnlessBindIsGranted() {
    ObjectNode selfAdmin = binding("mine", "ClusterRole", "cluster-admin", "User:alice");
    assertThatThrownBy(() -> guard.check(ALICE, ROLE_BINDINGS, "a", selfAdmin, null)).isInstanceOf(ApiException.class)
        .hasMessageStartingWith("rolebindings.rbac.authorization.k8s.io \"mine\" is forbidden: user \"alice\"");
    assertThatThrownBy(() -> guard.check(ALICE, CRBS, null, selfAdmin, null)).isInstanceOf(ApiException.class);
    index.putRole("", "binder", role("binder", rule(List.of("bind"), "rbac.authorization.k8s.io", "clusterroles").withNames(List.of("cluster-admin"))));
    index.putBinding("a", "alice-bind", binding("alice-bind", "ClusterRole", "binder", "User:alice"));
    assertThatCode(() -> guard.check(ALICE, ROLE_BINDINGS, "a", selfAdmin, null)).doesNotThrowAnyException();
    // bind granted in namespace a only
    assertThatThrownBy(() -> guard.check(ALICE, CRBS, null, selfAdmin, null)).isInstanceOf(ApiException.class);
  }

  @Test
  void bindingToAHeldRoleIsAllowed() {
    assertThatCode(() -> guard.check(ALICE, ROLE_BINDINGS, "a", binding("e", "ClusterRole", "edit", "User:bob"), null)).doesNotThrowAnyException();
  }

  @Test
  void bindingToAMissingRoleIs404() {
    assertThatThrownBy(() -> guard.check(ALICE, ROLE_BINDINGS, "a", binding("e", "Role", "ghost", "User:bob"), null))
        .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).code()).isEqualTo(404);
  }

  @Test
  void aggregationRuleNeedsFullAuthority() {
    ObjectNode agg = role("agg");
    agg.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject().putObject("matchLabels").put("x", "y");
    index.putRole("", "rbac-all", role("rbac-all", rule(List.of("*"), "rbac.authorization.k8s.io", "clusterroles")));
    index.putBinding("", "alice-crs", binding("alice-crs", "ClusterRole", "rbac-all", "User:alice"));
    assertThatCode(() -> guard.check(ALICE, CLUSTER_ROLES, null, agg, null)).doesNotThrowAnyException(); // escalate via *
    index.putRole("", "rbac-all", role("rbac-all", rule(List.of("create"), "rbac.authorization.k8s.io", "clusterroles")));
    assertThatThrownBy(() -> guard.check(ALICE, CLUSTER_ROLES, null, agg, null))
        .hasMessageContaining("must have cluster-admin privileges to use an aggregationRule");
  }

  @Test
  void updatesLeavingRulesAndSubjectsAloneAreNotChecked() {
    ObjectNode big = role("r", rule(List.of("*"), "", "secrets"));
    ObjectNode relabelled = big.deepCopy();
    relabelled.with("metadata").putArray("finalizers").add("x");
    assertThatCode(() -> guard.check(ALICE, ROLES, "a", relabelled, big)).doesNotThrowAnyException();
    ObjectNode b = binding("mine", "ClusterRole", "cluster-admin", "User:alice");
    ObjectNode b2 = b.deepCopy();
    b2.with("metadata").putObject("annotations").put("k", "v");
    assertThatCode(() -> guard.check(ALICE, ROLE_BINDINGS, "a", b2, b)).doesNotThrowAnyException();
    assertThat(guard).isNotNull();
  }
}
