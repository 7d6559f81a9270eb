package io.j8s.apiserver.certificates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.rest.WriteGuard;
import java.util.List;
import java.util.Map;

/**
 * Upstream's CSR strategy for the requester fields: on create, spec.username, spec.uid,
 * spec.groups and spec.extra are set from the authenticated user (whatever the body said); on
 * update the stored spec is kept (a CSR's spec is immutable).
 */
public final class CsrRequester implements WriteGuard {
  static final String GROUP = "certificates.k8s.io";

  @Override
  public void check(UserInfo user, ResourceType t, String ns, ObjectNode next, ObjectNode old) {
    if (!t.group().equals(GROUP) || !t.kind().equals("CertificateSigningRequest")) return;
    if (old != null) {
      if (old.has("spec")) next.set("spec", old.get("spec").deepCopy());
      return;
    }
    stamp(next, user);
  }

  /** Pure: writes the requester of {@code user} into the CSR's spec. */
  static void stamp(ObjectNode csr, UserInfo user) {
    ObjectNode spec = csr.with("spec");
    spec.put("username", user.name());
    if (user.uid().isEmpty()) spec.remove("uid"); else spec.put("uid", user.uid());
    ArrayNode groups = spec.putArray("groups");
    user.groups().forEach(groups::add);
    if (user.extra().isEmpty()) {
      spec.remove("extra");
    } else {
      ObjectNode extra = spec.putObject("extra");
      for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(user.extra()).entrySet()) {
        ArrayNode values = extra.putArray(e.getKey());
        e.getValue().forEach(values::add);
      }
    }
  }
}
