package io.j8s.controllers.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DoNotSchedule topology spread constraints, as upstream's PodTopologySpread filter: for each
 * constraint, count the matching pods (same namespace, not terminating) per domain over the nodes
 * that pass the pod's nodeSelector/required affinity and carry every constraint's key; a node
 * fits when its domain's count + 1 (if the pod matches its own selector) - the smallest domain
 * count stays within maxSkew. Fewer domains than minDomains make the smallest count 0.
 */
public final class TopologySpread {
  public static final String MISMATCH = "node(s) didn't match pod topology spread constraints";
  public static final String MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

  private final PodInfo pod;
  private final List<Map<String, Integer>> counts = new ArrayList<>();
  private final long[] min;

  private TopologySpread(PodInfo pod) {
    this.pod = pod;
    this.min = new long[pod.spread().size()];
  }

  public static TopologySpread prepare(PodInfo pod, List<NodeInfo> nodes) {
    TopologySpread s = new TopologySpread(pod);
    List<SpreadConstraint> cs = pod.spread();
    if (cs.isEmpty()) return s;
    for (int i = 0; i < cs.size(); i++) s.counts.add(new HashMap<>());
    nodes:
    for (NodeInfo n : nodes) {
      if (n.node() == null || !NodeFilters.matchesNodeSelection(pod, n)) continue;
      for (SpreadConstraint c : cs) if (!n.labels().containsKey(c.topologyKey())) continue nodes;
      for (int i = 0; i < cs.size(); i++) {
        SpreadConstraint c = cs.get(i);
        int matching = 0;
        for (PodInfo e : n.pods()) {
          if (!e.terminating() && e.namespace().equals(pod.namespace()) && c.selector().matches(e.labels())) matching++;
        }
        s.counts.get(i).merge(n.labels().get(c.topologyKey()), matching, Integer::sum);
      }
    }
    for (int i = 0; i < cs.size(); i++) {
      Map<String, Integer> m = s.counts.get(i);
      long lo = m.isEmpty() ? 0 : Long.MAX_VALUE;
      for (int v : m.values()) lo = Math.min(lo, v);
      if (m.size() < cs.get(i).minDomains()) lo = 0;
      s.min[i] = lo;
    }
    return s;
  }

  public List<String> filter(NodeInfo n) {
    List<SpreadConstraint> cs = pod.spread();
    for (SpreadConstraint c : cs) if (!n.labels().containsKey(c.topologyKey())) return List.of(MISSING_LABEL);
    for (int i = 0; i < cs.size(); i++) {
      SpreadConstraint c = cs.get(i);
      int self = c.selector().matches(pod.labels()) ? 1 : 0;
      long skew = counts.get(i).getOrDefault(n.labels().get(c.topologyKey()), 0) + self - min[i];
      if (skew > c.maxSkew()) return List.of(MISMATCH);
    }
    return List.of();
  }
}
