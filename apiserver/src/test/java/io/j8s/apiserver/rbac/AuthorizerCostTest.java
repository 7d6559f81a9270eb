package io.j8s.apiserver.rbac;

import static io.j8s.apiserver.rbac.Policies.binding;
import static io.j8s.apiserver.rbac.Policies.role;
import static io.j8s.apiserver.rbac.Policies.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micro benchmark of one authorization decision against the default policy plus 1,000
 * namespaces each with a RoleBinding of edit to its own user and group (allowed and denied
 * requests, non-resource requests). Prints ns per decision; asserts only a generous bound.
 */
class AuthorizerCostTest {
  @Test
  void decisionCost() {
    PolicyIndex index = new PolicyIndex();
    for (ObjectNode r : BootstrapPolicy.clusterRoles()) index.putRole("", r.path("metadata").path("name").asText(), r);
    for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) index.putBinding("", b.path("metadata").path("name").asText(), b);
    // edit's aggregated rules, as the controller would fill them
    index.putRole("", "edit", role("edit", Rule.ofRole(BootstrapTest.named(BootstrapPolicy.clusterRoles(), "system:aggregate-to-edit"))
        .toArray(Rule[]::new)));
    for (int i = 0; i < 1000; i++) {
      index.putBinding("ns" + i, "team", binding("team", "ClusterRole", "edit", "User:user" + i, "Group:team" + i));
      index.putRole("ns" + i, "extra", role("extra", rule(List.of("get"), "", "configmaps")));
    }
    Authorizer authz = new Authorizer(new RbacPolicy(index));
    UserInfo u = new UserInfo("user500", List.of("team500", "other", UserInfo.AUTHENTICATED));
    Attributes allowed = Attributes.resource(u, "create", "apps", "deployments", "", "ns500", "");
    Attributes denied = Attributes.resource(u, "get", "", "secrets", "", "ns501", "s");
    Attributes lastRule = Attributes.resource(u, "list", "", "secrets", "", "ns500", "");
    Attributes discovery = Attributes.nonResource(u, "get", "/apis/apps/v1");
    assertThat(authz.authorize(allowed).allowed()).isTrue();
    assertThat(authz.authorize(denied).allowed()).isFalse();
    assertThat(authz.authorize(lastRule).allowed()).isTrue();
    assertThat(authz.authorize(discovery).allowed()).isTrue();
    StringBuilder report = new StringBuilder("authorizer cost per decision (1,000 namespaces, defaults):");
    for (var c : List.of(List.of("allowed", allowed), List.of("denied", denied), List.of("last rule", lastRule), List.of("non-resource", discovery))) {
      Attributes a = (Attributes) c.get(1);
      double ns = measure(authz, a);
      report.append(String.format(" %s %.0f ns;", c.get(0), ns));
      assertThat(ns).isLessThan(50_000);
    }
    System.out.println(report);
  }

  private static double measure(Authorizer authz, Attributes a) {
    int n = 200_000;
    boolean sink = false;
    for (int i = 0; i < n; i++) sink ^= authz.authorize(a).allowed(); // warm-up
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) sink ^= authz.authorize(a).allowed();
      best = Math.min(best, (System.nanoTime() - t0) / (double) n);
    }
    if (sink && n < 0) System.out.println();
    return best;
  }
}
