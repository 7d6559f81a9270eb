package io.j8s.apiserver.auth;

import io.j8s.apiserver.errors.ApiException;

/**
 * Decides requests. Members of system:masters may do everything (upstream's privileged-group
 * short-cut, before any policy is read); everyone else is decided by the policy.
 */
public final class Authorizer {
  /** The policy behind the short-cut (RBAC in the server). */
  @FunctionalInterface
  public interface Policy {
    Decision decide(Attributes a);
  }

  private final Policy policy;

  public Authorizer(Policy policy) { this.policy = policy; }

  /** Only system:masters may do anything: the authorizer before RBAC, and for tests. */
  public static Authorizer mastersOnly() { return new Authorizer(a -> Decision.deny("")); }

  public Decision authorize(Attributes a) {
    if (a.user() != null && a.user().inGroup(UserInfo.MASTERS)) return Decision.allow("");
    return policy.decide(a);
  }

  /** Throws upstream's 403 unless allowed. */
  public void check(Attributes a) {
    Decision d = authorize(a);
    if (!d.allowed()) throw forbidden(a, d.reason());
  }

  /**
   * Upstream's 403 for a refused request: {@code pods is forbidden: User "alice" cannot list
   * resource "pods" in API group "" in the namespace "b"}, with the authorizer's reason after a
   * colon when it gave one.
   */
  public static ApiException forbidden(Attributes a, String reason) {
    String who = a.user() == null ? "" : a.user().name();
    String msg;
    if (!a.resourceRequest()) {
      msg = "User \"" + who + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
    } else {
      String res = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
      msg = "User \"" + who + "\" cannot " + a.verb() + " resource \"" + res + "\" in API group \"" + a.apiGroup() + "\""
          + (a.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"");
    }
    if (reason != null && !reason.isEmpty()) msg = msg + ": " + reason;
    String qualified = a.resource().isEmpty() ? "" : a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
    String full = !a.resourceRequest() || qualified.isEmpty() ? "forbidden: " + msg
        : a.name().isEmpty() ? qualified + " is forbidden: " + msg : qualified + " \"" + a.name() + "\" is forbidden: " + msg;
    return ApiException.forbidden(full, a.apiGroup(), a.resource(), a.name().isEmpty() ? null : a.name());
  }
}
