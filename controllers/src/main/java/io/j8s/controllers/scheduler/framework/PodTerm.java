package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import java.util.Map;
import java.util.Set;

/**
 * A pod (anti-)affinity term: pods matching {@code selector} in {@code namespaces} (null: every
 * namespace, for an empty namespaceSelector) form a group; {@code topologyKey} names the node
 * label whose value is the domain. {@code weight} is 0 for required terms.
 */
public record PodTerm(LabelSelector selector, Set<String> namespaces, String topologyKey, int weight) {

  /** Whether {@code other} belongs to the group this term names. */
  public boolean matches(PodInfo other) {
    return (namespaces == null || namespaces.contains(other.namespace())) && selector.matches(other.labels());
  }

  /**
   * The API term as upstream reads it: namespaces, else (no namespaceSelector) the pod's own
   * namespace; an empty namespaceSelector means every namespace. A namespaceSelector with labels
   * would need Namespace objects; it is read as the listed namespaces only (documented limit).
   */
  static PodTerm of(PodAffinityTerm t, String podNamespace, int weight) {
    LabelSelector sel;
    try {
      sel = LabelSelector.from(t.getLabelSelector());
    } catch (SelectorException e) {
      sel = new LabelSelector.Nothing();
    }
    Set<String> ns;
    var nsSel = t.getNamespaceSelector();
    boolean allNamespaces = nsSel != null && empty(nsSel.getMatchLabels()) && (nsSel.getMatchExpressions() == null || nsSel.getMatchExpressions().isEmpty());
    if (allNamespaces) ns = null;
    else if (t.getNamespaces() != null && !t.getNamespaces().isEmpty()) ns = Set.copyOf(t.getNamespaces());
    else ns = Set.of(podNamespace);
    return new PodTerm(sel, ns, t.getTopologyKey() == null ? "" : t.getTopologyKey(), weight);
  }

  private static boolean empty(Map<?, ?> m) {
    return m == null || m.isEmpty();
  }
}
