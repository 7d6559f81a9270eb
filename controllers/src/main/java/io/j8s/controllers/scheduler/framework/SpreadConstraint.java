package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;

/** A topology spread constraint with whenUnsatisfiable DoNotSchedule (the only kind that filters). */
public record SpreadConstraint(int maxSkew, String topologyKey, LabelSelector selector, int minDomains) {
  static SpreadConstraint of(TopologySpreadConstraint c) {
    LabelSelector sel;
    try {
      sel = LabelSelector.from(c.getLabelSelector());
    } catch (SelectorException e) {
      sel = new LabelSelector.Nothing();
    }
    return new SpreadConstraint(c.getMaxSkew() == null ? 1 : c.getMaxSkew(), c.getTopologyKey(), sel,
        c.getMinDomains() == null ? 1 : c.getMinDomains());
  }
}
