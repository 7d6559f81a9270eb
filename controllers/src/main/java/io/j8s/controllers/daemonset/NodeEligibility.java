package io.j8s.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.j8s.controllers.placement.NodeSelection;
import io.j8s.controllers.placement.TaintMatch;
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
    if (!NodeSelection.matches(template.getNodeSelector(), requiredTerms(template), labels, node.getMetadata().getName())) {
      return new Verdict(false, false);
    }
    List<Toleration> tolerations = DaemonPods.withDefaultTolerations(template).getTolerations();
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    boolean noExecute = !TaintMatch.untolerated(taints, tolerations, List.of(TaintMatch.NO_EXECUTE)).isEmpty();
    boolean noSchedule = !TaintMatch.untolerated(taints, tolerations, List.of(TaintMatch.NO_SCHEDULE)).isEmpty();
    return new Verdict(!noExecute && !noSchedule, !noExecute);
  }

  private static List<NodeSelectorTerm> requiredTerms(PodSpec spec) {
    if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null) return null;
    NodeSelector required = spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    return required == null ? null : required.getNodeSelectorTerms();
  }
}
