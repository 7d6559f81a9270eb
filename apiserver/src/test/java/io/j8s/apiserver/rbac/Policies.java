package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Test objects: roles and bindings as JSON. */
final class Policies {
  private Policies() {}

  static ObjectNode role(String name, Rule... rules) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("metadata").put("name", name);
    ArrayNode a = o.putArray("rules");
    for (Rule r : rules) a.add(r.toJson());
    return o;
  }

  /** @param subjects kind, name[, namespace for ServiceAccount] triples written as "User:alice", "ServiceAccount:ns:sa" */
  static ObjectNode binding(String name, String roleKind, String roleName, String... subjects) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("metadata").put("name", name);
    o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", roleKind).put("name", roleName);
    ArrayNode s = o.putArray("subjects");
    for (String subj : subjects) {
      String[] p = subj.split(":", 2);
      ObjectNode n = s.addObject().put("kind", p[0]);
      String[] sa = p[1].split(":", 2);
      if (p[0].equals("ServiceAccount") && sa.length == 2) {
        n.put("namespace", sa[0]).put("name", sa[1]);
      } else {
        n.put("name", p[1]);
      }
    }
    return o;
  }

  static Rule rule(List<String> verbs, String group, String... resources) { return Rule.resources(verbs, List.of(group), List.of(resources)); }
}
