package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.j8s.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Roles and bindings in memory, indexed so that deciding a request touches only the bindings
 * of the user's name and groups in the request's namespace and at cluster scope. One writer
 * (the {@link IndexFeed}), any number of readers.
 */
public final class PolicyIndex {
  /** A RoleBinding (namespace set) or ClusterRoleBinding (namespace ""). */
  public record Binding(String namespace, String name, String roleKind, String roleName, List<Subject> subjects) {
    public boolean cluster() { return namespace.isEmpty(); }
  }

  /** One rbac/v1 Subject; {@code namespace} only for ServiceAccounts. */
  public record Subject(String kind, String name, String namespace) {}

  /** Sees each rule reached for a user (or a resolution error); returns false to stop. */
  @FunctionalInterface
  public interface Visitor {
    boolean visit(Binding source, Subject subject, Rule rule, String error);
  }

  private final Map<String, List<Rule>> roles = new ConcurrentHashMap<>();
  private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> bySubject = new ConcurrentHashMap<>();

  private static String roleKey(String ns, String name) { return ns + "/" + name; }

  public void putRole(String ns, String name, JsonNode role) { roles.put(roleKey(ns, name), Rule.ofRole(role)); }

  public void removeRole(String ns, String name) { roles.remove(roleKey(ns, name)); }

  /** The rules of a Role (ns set) or ClusterRole (ns ""); null when absent. */
  public List<Rule> role(String ns, String name) { return roles.get(roleKey(ns, name)); }

  public void putBinding(String ns, String name, JsonNode binding) {
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : binding.path("subjects")) {
      subjects.add(new Subject(s.path("kind").asText(), s.path("name").asText(), s.path("namespace").asText("")));
    }
    JsonNode ref = binding.path("roleRef");
    Binding b = new Binding(ns, name, ref.path("kind").asText(), ref.path("name").asText(), List.copyOf(subjects));
    removeBinding(ns, name);
    String key = roleKey(ns, name);
    bindings.put(key, b);
    for (Subject s : b.subjects()) bySubject.computeIfAbsent(subjectKey(b, s), k -> new ConcurrentSkipListSet<>()).add(key);
  }

  public void removeBinding(String ns, String name) {
    String key = roleKey(ns, name);
    Binding old = bindings.remove(key);
    if (old == null) return;
    for (Subject s : old.subjects()) {
      Set<String> set = bySubject.get(subjectKey(old, s));
      if (set != null) set.remove(key);
    }
  }

  public void clear() {
    roles.clear();
    bindings.clear();
    bySubject.clear();
  }

  /** "ns|U:name", "ns|G:name"; ServiceAccounts as the user name their tokens carry. */
  private static String subjectKey(Binding b, Subject s) {
    String who = switch (s.kind()) {
      case "User" -> "U:" + s.name();
      case "Group" -> "G:" + s.name();
      case "ServiceAccount" -> "U:" + UserInfo.SERVICE_ACCOUNT_PREFIX + (s.namespace().isEmpty() ? b.namespace() : s.namespace()) + ":" + s.name();
      default -> "?:" + s.name();
    };
    return b.namespace() + "|" + who;
  }

  /**
   * Visits the rules that apply to {@code user} at cluster scope, then in {@code namespace}
   * (when not ""), as upstream's VisitRulesFor; stops when the visitor returns false.
   */
  public void visit(UserInfo user, String namespace, Visitor v) {
    if (!visitScope(user, "", v)) return;
    if (!namespace.isEmpty()) visitScope(user, namespace, v);
  }

  private boolean visitScope(UserInfo user, String scope, Visitor v) {
    if (!visitKey(scope + "|U:" + user.name(), v)) return false;
    for (String g : user.groups()) if (!visitKey(scope + "|G:" + g, v)) return false;
    return true;
  }

  private boolean visitKey(String subjectKey, Visitor v) {
    Set<String> keys = bySubject.get(subjectKey);
    if (keys == null || keys.isEmpty()) return true;
    String who = subjectKey.substring(subjectKey.indexOf('|') + 1);
    for (String key : keys) {
      Binding b = bindings.get(key);
      if (b == null) continue;
      Subject subject = subjectOf(b, who);
      String roleNs = b.roleKind().equals("Role") ? b.namespace() : "";
      List<Rule> rules = roles.get(roleKey(roleNs, b.roleName()));
      if (rules == null) {
        String err = (b.roleKind().equals("Role") ? "role" : "clusterrole") + ".rbac.authorization.k8s.io \"" + b.roleName() + "\" not found";
        if (!v.visit(b, subject, null, err)) return false;
        continue;
      }
      for (Rule r : rules) if (!v.visit(b, subject, r, null)) return false;
    }
    return true;
  }

  private static Subject subjectOf(Binding b, String who) {
    for (Subject s : b.subjects()) {
      String k = switch (s.kind()) {
        case "User" -> "U:" + s.name();
        case "Group" -> "G:" + s.name();
        case "ServiceAccount" -> "U:" + UserInfo.SERVICE_ACCOUNT_PREFIX + (s.namespace().isEmpty() ? b.namespace() : s.namespace()) + ":" + s.name();
        default -> "";
      };
      if (k.equals(who)) return s;
    }
    return b.subjects().isEmpty() ? new Subject("", "", "") : b.subjects().get(0);
  }

  /** Every rule that applies to the user in the namespace, with resolution errors. */
  public RuleSet rulesFor(UserInfo user, String namespace) {
    List<Rule> rules = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    visit(user, namespace, (b, s, r, err) -> {
      if (r != null) rules.add(r); else errors.add(err);
      return true;
    });
    return new RuleSet(List.copyOf(rules), List.copyOf(errors));
  }

  /** Rules and the errors met resolving them (bindings to missing roles). */
  public record RuleSet(List<Rule> rules, List<String> errors) {}

  /** Names of the ClusterRoles and Roles held, for tests. */
  int roleCount() { return roles.size(); }
}
