package io.j8s.apiserver.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether one set of rules holds every permission another grants, as upstream's
 * pkg/registry/rbac/validation Covers: the requested rules are broken down into atomic rules
 * (one verb, one group, one resource, one name or URL), and each must be covered by one owner
 * rule. The uncovered ones are returned, and compacted (same group and resource, no names:
 * verbs merged) to describe a refusal.
 */
public final class Coverage {
  /** Everything: what setting an aggregationRule requires. */
  public static final List<Rule> FULL_AUTHORITY = List.of(
      Rule.resources(List.of("*"), List.of("*"), List.of("*")), Rule.urls(List.of("*"), List.of("*")));

  private Coverage() {}

  /** The atomic requested rules no owner rule covers; empty when the owner holds them all. */
  public static List<Rule> missing(List<Rule> owner, List<Rule> requested) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : requested) {
      for (Rule atom : breakdown(r)) {
        boolean covered = false;
        for (Rule o : owner) {
          if (covers(o, atom)) {
            covered = true;
            break;
          }
        }
        if (!covered) out.add(atom);
      }
    }
    return out;
  }

  /** One rule per verb × group × resource × name, and per verb × URL. */
  static List<Rule> breakdown(Rule r) {
    List<Rule> out = new ArrayList<>();
    for (String g : r.apiGroups()) {
      for (String res : r.resources()) {
        for (String v : r.verbs()) {
          if (r.resourceNames().isEmpty()) {
            out.add(Rule.resources(List.of(v), List.of(g), List.of(res)));
          } else {
            for (String n : r.resourceNames()) out.add(Rule.resources(List.of(v), List.of(g), List.of(res)).withNames(List.of(n)));
          }
        }
      }
    }
    for (String u : r.nonResourceURLs()) {
      for (String v : r.verbs()) out.add(Rule.urls(List.of(v), List.of(u)));
    }
    return out;
  }

  static boolean covers(Rule owner, Rule sub) {
    boolean verbs = owner.verbs().contains("*") || owner.verbs().containsAll(sub.verbs());
    boolean groups = owner.apiGroups().contains("*") || owner.apiGroups().containsAll(sub.apiGroups());
    boolean names = owner.resourceNames().isEmpty() || (!sub.resourceNames().isEmpty() && owner.resourceNames().containsAll(sub.resourceNames()));
    return verbs && groups && resourcesCover(owner.resources(), sub.resources()) && names && urlsCover(owner.nonResourceURLs(), sub.nonResourceURLs());
  }

  private static boolean resourcesCover(List<String> owner, List<String> wanted) {
    if (owner.contains("*")) return true;
    for (String w : wanted) {
      if (owner.contains(w)) continue;
      int slash = w.indexOf('/');
      if (slash < 0 || !owner.contains("*" + w.substring(slash))) return false;
    }
    return true;
  }

  private static boolean urlsCover(List<String> owner, List<String> wanted) {
    for (String w : wanted) {
      boolean ok = false;
      for (String o : owner) {
        if (o.equals(w) || (o.endsWith("*") && w.startsWith(o.substring(0, o.length() - 1)))) {
          ok = true;
          break;
        }
      }
      if (!ok) return false;
    }
    return true;
  }

  /** Merges the verbs of simple rules (one group, one resource, no names) sharing group and resource. */
  static List<Rule> compact(List<Rule> rules) {
    Map<List<String>, Set<String>> simple = new LinkedHashMap<>();
    List<Rule> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.resourceNames().isEmpty() && r.nonResourceURLs().isEmpty() && r.apiGroups().size() == 1 && r.resources().size() == 1) {
        simple.computeIfAbsent(List.of(r.apiGroups().get(0), r.resources().get(0)), k -> new LinkedHashSet<>()).addAll(r.verbs());
      } else {
        out.add(r);
      }
    }
    simple.forEach((k, verbs) -> out.add(Rule.resources(List.copyOf(verbs), List.of(k.get(0)), List.of(k.get(1)))));
    return out;
  }

  /** The sorted, newline-separated compact descriptions upstream's refusal lists. */
  static String describe(List<Rule> missing) {
    Set<String> lines = new TreeSet<>();
    for (Rule r : compact(missing)) lines.add(r.compact());
    return String.join("\n", lines);
  }
}
