package io.j8s.controllers.placement;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * nodeSelector and node affinity terms against a node's labels and name, as upstream: a
 * nodeSelector needs every label equal; required terms are ORed, a term's requirements ANDed;
 * a term with no requirement matches nothing; matchFields supports only {@code metadata.name}
 * with In/NotIn.
 */
public final class NodeSelection {
  private NodeSelection() {}

  /** nodeSelector AND (no required terms, or any required term). */
  public static boolean matches(Map<String, String> nodeSelector, List<NodeSelectorTerm> requiredTerms,
      Map<String, String> labels, String nodeName) {
    if (nodeSelector != null) {
      for (var e : nodeSelector.entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    if (requiredTerms == null || requiredTerms.isEmpty()) return true;
    for (NodeSelectorTerm t : requiredTerms) if (matches(t, labels, nodeName)) return true;
    return false;
  }

  public static boolean matches(NodeSelectorTerm t, Map<String, String> labels, String nodeName) {
    List<NodeSelectorRequirement> exprs = t.getMatchExpressions() == null ? List.of() : t.getMatchExpressions();
    List<NodeSelectorRequirement> fields = t.getMatchFields() == null ? List.of() : t.getMatchFields();
    if (exprs.isEmpty() && fields.isEmpty()) return false;
    for (NodeSelectorRequirement r : exprs) {
      if (!matches(r, labels.get(r.getKey()), r.getKey() != null && labels.containsKey(r.getKey()))) return false;
    }
    for (NodeSelectorRequirement r : fields) {
      if (!"metadata.name".equals(r.getKey())) return false;
      if (!"In".equals(r.getOperator()) && !"NotIn".equals(r.getOperator())) return false;
      if (!matches(r, nodeName, true)) return false;
    }
    return true;
  }

  static boolean matches(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (String.valueOf(r.getOperator())) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> {
        if (!present || values.size() != 1) yield false;
        try {
          long have = Long.parseLong(value), bound = Long.parseLong(values.get(0));
          yield r.getOperator().equals("Gt") ? have > bound : have < bound;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }
}
