package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.WriteGuard;
import java.util.List;
import java.util.function.Supplier;

/**
 * Upstream's RBAC escalation prevention: a user may write a Role or ClusterRole only with rules
 * she holds herself (in that namespace), or with the {@code escalate} verb on it; a binding only
 * to a role whose rules she holds, or with the {@code bind} verb on that role. An aggregationRule
 * needs every permission. system:masters may do anything. Updates that leave the rules (or the
 * subjects) unchanged are not checked again.
 */
public final class EscalationGuard implements WriteGuard {
  static final String GROUP = "rbac.authorization.k8s.io";

  private final Authorizer authz;
  private final Supplier<PolicyIndex> index;

  public EscalationGuard(Authorizer authz, Supplier<PolicyIndex> index) {
    this.authz = authz;
    this.index = index;
  }

  @Override
  public void check(UserInfo user, ResourceType t, String ns, ObjectNode next, ObjectNode old) {
    if (!t.group().equals(GROUP) || user == null || user.inGroup(UserInfo.MASTERS)) return;
    String scope = ns == null ? "" : ns;
    String name = next.path("metadata").path("name").asText("");
    switch (t.kind()) {
      case "Role", "ClusterRole" -> role(user, t, scope, name, next, old);
      case "RoleBinding", "ClusterRoleBinding" -> binding(user, t, scope, name, next, old);
      default -> { }
    }
  }

  private void role(UserInfo user, ResourceType t, String ns, String name, ObjectNode next, ObjectNode old) {
    if (old != null && same(next, old, "rules") && same(next, old, "aggregationRule")
        && next.path("metadata").path("labels").equals(old.path("metadata").path("labels"))) {
      return;
    }
    if (authz.authorize(Attributes.resource(user, "escalate", GROUP, t.plural(), "", ns, name)).allowed()) return;
    PolicyIndex.RuleSet owner = index.get().rulesFor(user, ns);
    refuseMissing(user, t, name, owner, Rule.ofRole(next));
    if (next.hasNonNull("aggregationRule") && !Coverage.missing(owner.rules(), Coverage.FULL_AUTHORITY).isEmpty()) {
      throw ApiException.forbidden(t.plural() + "." + GROUP + " \"" + name + "\" is forbidden: must have cluster-admin privileges to use an aggregationRule",
          GROUP, t.plural(), name);
    }
  }

  private void binding(UserInfo user, ResourceType t, String ns, String name, ObjectNode next, ObjectNode old) {
    if (old != null && same(next, old, "subjects") && same(next, old, "roleRef")) return;
    JsonNode ref = next.path("roleRef");
    String kind = ref.path("kind").asText("");
    String roleName = ref.path("name").asText("");
    String roleResource = kind.equals("Role") ? "roles" : "clusterroles";
    if (authz.authorize(Attributes.resource(user, "bind", GROUP, roleResource, "", ns, roleName)).allowed()) return;
    List<Rule> rules = index.get().role(kind.equals("Role") ? ns : "", roleName);
    if (rules == null) throw ApiException.notFound(GROUP, roleResource, roleName);
    refuseMissing(user, t, name, index.get().rulesFor(user, ns), rules);
  }

  private static void refuseMissing(UserInfo user, ResourceType t, String name, PolicyIndex.RuleSet owner, List<Rule> wanted) {
    List<Rule> missing = Coverage.missing(owner.rules(), wanted);
    if (missing.isEmpty()) return;
    String msg = "user \"" + user.name() + "\" (groups=" + Rule.quoted(user.groups()) + ") is attempting to grant RBAC permissions not currently held:\n"
        + Coverage.describe(missing);
    if (!owner.errors().isEmpty()) msg += "; resolution errors: [" + String.join(" ", owner.errors()) + "]";
    throw ApiException.forbidden(t.plural() + "." + GROUP + " \"" + name + "\" is forbidden: " + msg, GROUP, t.plural(), name);
  }

  private static boolean same(JsonNode a, JsonNode b, String field) {
    return a.path(field).equals(b.path(field));
  }
}
