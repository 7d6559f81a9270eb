package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.UserInfo;

/**
 * A check of who may write what, beyond the verb's authorization (upstream's RBAC escalation
 * prevention in the role and binding storage). Called on create, update and patch with the
 * object as it would be written, before admission; throws to refuse.
 */
@FunctionalInterface
public interface WriteGuard {
  WriteGuard NONE = (user, t, ns, next, old) -> { };

  /** @param old the stored object on update and patch, null on create */
  void check(UserInfo user, ResourceType t, String ns, ObjectNode next, ObjectNode old);

  /** Every guard in order; the first that throws refuses. */
  static WriteGuard all(WriteGuard... guards) {
    return (user, t, ns, next, old) -> {
      for (WriteGuard g : guards) g.check(user, t, ns, next, old);
    };
  }
}
