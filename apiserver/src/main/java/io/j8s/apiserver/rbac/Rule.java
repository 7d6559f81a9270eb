package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One rbac/v1 PolicyRule and upstream's matching of request attributes against it: {@code *}
 * matches every verb, group, resource and URL; {@code * /sub} (without the space) every
 * resource's subresource {@code sub}; {@code pods/log} only that subresource; empty
 * resourceNames any name; a non-resource URL ending in {@code *} every path with that prefix.
 */
public record Rule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
    List<String> nonResourceURLs) {
  public static final String ALL = "*";

  public Rule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  public static Rule resources(List<String> verbs, List<String> groups, List<String> resources) {
    return new Rule(verbs, groups, resources, List.of(), List.of());
  }

  public static Rule urls(List<String> verbs, List<String> urls) { return new Rule(verbs, List.of(), List.of(), List.of(), urls); }

  public Rule withNames(List<String> names) { return new Rule(verbs, apiGroups, resources, names, nonResourceURLs); }

  public boolean allows(Attributes a) {
    if (!has(verbs, a.verb())) return false;
    if (!a.resourceRequest()) return urlMatches(a.path());
    return has(apiGroups, a.apiGroup()) && resourceMatches(a.resource(), a.subresource())
        && (resourceNames.isEmpty() || resourceNames.contains(a.name()));
  }

  private static boolean has(List<String> l, String v) {
    for (int i = 0; i < l.size(); i++) {
      String s = l.get(i);
      if (s.equals(v) || s.equals(ALL)) return true;
    }
    return false;
  }

  private boolean resourceMatches(String resource, String sub) {
    for (int i = 0; i < resources.size(); i++) {
      String r = resources.get(i);
      if (r.equals(ALL)) return true;
      if (sub.isEmpty()) {
        if (r.equals(resource)) return true;
        continue;
      }
      int slash = r.indexOf('/');
      if (slash < 0) continue;
      if (r.length() == resource.length() + 1 + sub.length() && r.startsWith(resource) && slash == resource.length() && r.endsWith(sub)) {
        return true;
      }
      if (slash == 1 && r.charAt(0) == '*' && r.length() == sub.length() + 2 && r.endsWith(sub)) return true;
    }
    return false;
  }

  private boolean urlMatches(String path) {
    for (String u : nonResourceURLs) {
      if (u.equals(ALL) || u.equals(path)) return true;
      if (u.endsWith("*") && path.startsWith(u.substring(0, u.length() - 1))) return true;
    }
    return false;
  }

  /** From an rbac/v1 PolicyRule (missing lists are empty). */
  public static Rule of(JsonNode n) {
    return new Rule(strings(n.path("verbs")), strings(n.path("apiGroups")), strings(n.path("resources")),
        strings(n.path("resourceNames")), strings(n.path("nonResourceURLs")));
  }

  /** The rules of a Role or ClusterRole object. */
  public static List<Rule> ofRole(JsonNode role) {
    List<Rule> out = new ArrayList<>();
    for (JsonNode r : role.path("rules")) out.add(of(r));
    return List.copyOf(out);
  }

  static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>(a.size());
    for (JsonNode s : a) out.add(s.asText());
    return out;
  }

  /** As an rbac/v1 PolicyRule (empty lists left out). */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    put(o, "verbs", verbs);
    put(o, "apiGroups", apiGroups);
    put(o, "resources", resources);
    put(o, "resourceNames", resourceNames);
    put(o, "nonResourceURLs", nonResourceURLs);
    return o;
  }

  private static void put(ObjectNode o, String field, List<String> values) {
    if (field.equals("verbs") || !values.isEmpty()) {
      ArrayNode a = o.putArray(field);
      values.forEach(a::add);
    }
  }

  /** Upstream's CompactString: {@code {APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}}. */
  public String compact() {
    List<String> parts = new ArrayList<>();
    if (!apiGroups.isEmpty()) parts.add("APIGroups:" + quoted(apiGroups));
    if (!resources.isEmpty()) parts.add("Resources:" + quoted(resources));
    if (!nonResourceURLs.isEmpty()) parts.add("NonResourceURLs:" + quoted(nonResourceURLs));
    if (!resourceNames.isEmpty()) parts.add("ResourceNames:" + quoted(resourceNames));
    if (!verbs.isEmpty()) parts.add("Verbs:" + quoted(verbs));
    return "{" + String.join(", ", parts) + "}";
  }

  /** Go's %q of a []string: {@code ["a" "b"]}. */
  static String quoted(List<String> l) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) b.append(' ');
      b.append('"').append(l.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append(']').toString();
  }
}
