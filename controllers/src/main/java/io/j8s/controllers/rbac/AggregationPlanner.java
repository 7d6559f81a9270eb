package io.j8s.controllers.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The rules an aggregated ClusterRole should hold. Pure. */
public final class AggregationPlanner {
  private AggregationPlanner() {}

  /** True if the role has an aggregationRule (its rules are this controller's). */
  public static boolean aggregated(ClusterRole r) { return r.getAggregationRule() != null; }

  /**
   * The union of the rules of every other role that one of {@code target}'s selectors matches,
   * roles in name order, each rule once; null when {@code target} is not aggregated.
   */
  public static List<PolicyRule> rules(ClusterRole target, List<ClusterRole> all) {
    if (!aggregated(target)) return null;
    List<LabelSelector> selectors = target.getAggregationRule().getClusterRoleSelectors();
    List<ClusterRole> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(r -> r.getMetadata().getName()));
    List<PolicyRule> out = new ArrayList<>();
    String self = target.getMetadata().getName();
    for (ClusterRole r : sorted) {
      if (r.getMetadata().getName().equals(self)) continue;
      Map<String, String> labels = r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
      boolean matched = false;
      for (LabelSelector s : selectors == null ? List.<LabelSelector>of() : selectors) {
        if (matches(s, labels)) {
          matched = true;
          break;
        }
      }
      if (!matched || r.getRules() == null) continue;
      for (PolicyRule rule : r.getRules()) if (!out.contains(rule)) out.add(rule);
    }
    return out;
  }

  /** An invalid selector (refused by validation on write) matches nothing. */
  private static boolean matches(LabelSelector s, Map<String, String> labels) {
    try {
      return io.j8s.api.selector.LabelSelector.from(s).matches(labels);
    } catch (io.j8s.api.selector.SelectorException e) {
      return false;
    }
  }

  /** Whether the held rules already are the wanted ones (order included, as upstream compares). */
  public static boolean same(List<PolicyRule> held, List<PolicyRule> wanted) {
    return (held == null ? List.of() : held).equals(wanted);
  }
}
