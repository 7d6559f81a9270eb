package io.j8s.apiserver.rbac;

import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's RBAC authorizer over the {@link PolicyIndex}: allowed when a rule reached through
 * one of the user's bindings allows the request; the reason names that binding
 * ({@code RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "alice"}). A
 * refusal's reason lists bindings whose role is missing ({@code RBAC: role... not found}).
 */
public final class RbacPolicy implements Authorizer.Policy {
  private final java.util.function.Supplier<PolicyIndex> index;

  public RbacPolicy(PolicyIndex index) { this(() -> index); }

  /** @param index the current index (the feed swaps in a new one when it lists again) */
  public RbacPolicy(java.util.function.Supplier<PolicyIndex> index) { this.index = index; }

  public PolicyIndex index() { return index.get(); }

  @Override
  public Decision decide(Attributes a) {
    PolicyIndex.Binding[] by = new PolicyIndex.Binding[1];
    PolicyIndex.Subject[] to = new PolicyIndex.Subject[1];
    List<String> errors = new ArrayList<>(0);
    index.get().visit(a.user(), a.namespace(), (b, s, r, err) -> {
      if (r == null) {
        errors.add(err);
        return true;
      }
      if (r.allows(a)) {
        by[0] = b;
        to[0] = s;
        return false;
      }
      return true;
    });
    if (by[0] != null) return Decision.allow("RBAC: allowed by " + describe(by[0], to[0]));
    return Decision.deny(errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
  }

  static String describe(PolicyIndex.Binding b, PolicyIndex.Subject s) {
    String subject = s.kind() + " \"" + (s.kind().equals("ServiceAccount") ? (s.namespace().isEmpty() ? b.namespace() : s.namespace()) + "/" : "")
        + s.name() + "\"";
    if (b.cluster()) return "ClusterRoleBinding \"" + b.name() + "\" of " + b.roleKind() + " \"" + b.roleName() + "\" to " + subject;
    return "RoleBinding \"" + b.name() + "/" + b.namespace() + "\" of " + b.roleKind() + " \"" + b.roleName() + "\" to " + subject;
  }

  /** As Go's utilerrors aggregate: one error as is, several as [a, b]. */
  static String aggregate(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }
}
