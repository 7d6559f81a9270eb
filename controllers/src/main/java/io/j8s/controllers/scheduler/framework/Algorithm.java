package io.j8s.controllers.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code schedule(pod, nodes) -> Decision}, pure: every node is filtered (upstream's order; the
 * first failing filter gives the node's reasons), the feasible ones are scored by each scorer,
 * normalised to 0..100 and weighted as upstream's default profile (TaintToleration 3,
 * NodeAffinity 2, InterPodAffinity 2, NodeResourcesFit 1, SelectorSpread 1), and the best total
 * wins; ties are broken by reservoir sampling with the given {@link Random}, so a seed makes the
 * choice reproducible.
 */
public final class Algorithm {
  static final int W_TAINTS = 3, W_NODE_AFFINITY = 2, W_POD_AFFINITY = 2, W_RESOURCES = 1, W_SELECTOR_SPREAD = 1;

  private Algorithm() {}

  public static Decision schedule(PodInfo pod, List<NodeInfo> nodes, Random random) {
    List<NodeInfo> candidates = new ArrayList<>(nodes.size());
    for (NodeInfo n : nodes) if (n.node() != null) candidates.add(n);
    InterPodAffinity affinity = InterPodAffinity.prepare(pod, candidates);
    TopologySpread spread = pod.spread().isEmpty() ? null : TopologySpread.prepare(pod, candidates);
    List<NodeInfo> feasible = new ArrayList<>(candidates.size());
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    for (NodeInfo n : candidates) {
      List<String> r = filter(pod, n, affinity, spread);
      if (r.isEmpty()) feasible.add(n);
      else reasons.put(n.name(), r);
    }
    if (feasible.isEmpty()) return new Decision.Unschedulable(candidates.size(), reasons);
    long[] total = new long[feasible.size()];
    if (feasible.size() > 1) {
      add(total, Scorers.preferNoScheduleTaints(pod, feasible), W_TAINTS);
      add(total, Scorers.preferredNodeAffinity(pod, feasible), W_NODE_AFFINITY);
      add(total, Scorers.normalizeMinMax(InterPodAffinity.score(pod, candidates, feasible)), W_POD_AFFINITY);
      add(total, Scorers.leastAllocated(pod, feasible), W_RESOURCES);
      add(total, Scorers.selectorSpread(pod, feasible), W_SELECTOR_SPREAD);
    }
    int best = -1, ties = 0;
    Map<String, Long> scores = new HashMap<>(feasible.size() * 2);
    for (int i = 0; i < total.length; i++) {
      scores.put(feasible.get(i).name(), total[i]);
      if (best < 0 || total[i] > total[best]) {
        best = i;
        ties = 1;
      } else if (total[i] == total[best] && random.nextInt(++ties) == 0) {
        best = i;
      }
    }
    return new Decision.Bind(feasible.get(best).name(), scores);
  }

  /** The filters in upstream's order; the first that fails gives the node's reasons. */
  public static List<String> filter(PodInfo pod, NodeInfo n, InterPodAffinity affinity, TopologySpread spread) {
    List<String> r = NodeFilters.ready(pod, n);
    if (r.isEmpty()) r = NodeFilters.unschedulable(pod, n);
    if (r.isEmpty()) r = NodeFilters.taints(pod, n);
    if (r.isEmpty()) r = NodeFilters.nodeAffinity(pod, n);
    if (r.isEmpty()) r = NodeFilters.ports(pod, n);
    if (r.isEmpty()) r = NodeFilters.resources(pod, n);
    if (r.isEmpty() && spread != null) r = spread.filter(n);
    if (r.isEmpty()) r = affinity.filter(n);
    return r;
  }

  private static void add(long[] total, long[] s, int weight) {
    for (int i = 0; i < total.length; i++) total[i] += s[i] * weight;
  }
}
