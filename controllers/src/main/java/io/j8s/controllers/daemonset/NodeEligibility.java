package io.j8s.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.j8s.controllers.taints.TaintMatch;
import java.util.List;
import java.util.Map;

/**
 * Whether a daemon pod belongs on a node (upstream's nodeShouldRunDaemonPod): it should run
 * there when the template's nodeSelector and required node affinity match the node and every
 * NoSchedule/NoExecute taint is tolerated (template tolerations plus the daemon defaults); it may
 * keep running when only NoSchedule taints are untolerated.
 */
public final class NodeEligibility {
  private NodeEligibility() {}

  public record Verdict(boolean shouldRun, boolean shouldContinueRunning) {}

  public static Verdict of(PodSpec template, Node node) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    if (!selectorMatches(template.getNodeSelector(), labels) || !affinityMatches(template, node)) return new Verdict(false, false);
    List<Toleration> tolerations = DaemonPods.withDefaultTolerations(template).getTolerations();
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    boolean noExecute = !TaintMatch.untolerated(taints, tolerations, List.of(TaintMatch.NO_EXECUTE)).isEmpty();
    boolean noSchedule = !TaintMatch.untolerated(taints, tolerations, List.of(TaintMatch.NO_SCHEDULE)).isEmpty();
    return new Verdict(!noExecute && !noSchedule, !noExecute);
  }

  static boolean selectorMatches(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null) return true;
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static boolean affinityMatches(PodSpec spec, Node node) {
    if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null) return true;
    NodeSelector required = spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null || required.getNodeSelectorTerms() == null || required.getNodeSelectorTerms().isEmpty()) return true;
    return required.getNodeSelectorTerms().stream().anyMatch(t -> termMatches(t, node));
  }

  /** A term matches when all its expressions and fields do; an empty term matches nothing (as upstream). */
  static boolean termMatches(NodeSelectorTerm t, Node node) {
    List<NodeSelectorRequirement> exprs = t.getMatchExpressions() == null ? List.of() : t.getMatchExpressions();
    List<NodeSelectorRequirement> fields = t.getMatchFields() == null ? List.of() : t.getMatchFields();
    if (exprs.isEmpty() && fields.isEmpty()) return false;
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    for (NodeSelectorRequirement r : exprs) if (!requirementMatches(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) return false;
    for (NodeSelectorRequirement r : fields) {
      if (!"metadata.name".equals(r.getKey())) return false;
      if (!requirementMatches(r, node.getMetadata().getName(), true)) return false;
    }
    return true;
  }

  static boolean requirementMatches(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> {
        if (!present || values.size() != 1) yield false;
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.get(0));
          yield r.getOperator().equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }
}
