package io.j8s.controllers.scheduler.framework;

import io.j8s.controllers.placement.NodeSelection;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorers, each giving every candidate node a score in 0..100 ({@link #MAX}) after upstream's
 * normalisation; {@link Algorithm} weights them as upstream's default profile does.
 */
public final class Scorers {
  public static final long MAX = 100;
  public static final String ZONE = "topology.kubernetes.io/zone";

  private Scorers() {}

  /** NodeResourcesFit LeastAllocated: free share of cpu and memory after placing the pod (non-zero requests), averaged. */
  public static long[] leastAllocated(PodInfo p, List<NodeInfo> nodes) {
    long[] out = new long[nodes.size()];
    for (int i = 0; i < out.length; i++) {
      NodeInfo n = nodes.get(i);
      Resources req = n.nonZeroRequested().plus(p.nonZeroRequests());
      out[i] = (free(req.milliCpu(), n.allocatable().milliCpu()) + free(req.memory(), n.allocatable().memory())) / 2;
    }
    return out;
  }

  static long free(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) return 0;
    return (capacity - requested) * MAX / capacity;
  }

  /** NodeAffinity: sum of the weights of the preferred terms the node matches, scaled so the best is 100. */
  public static long[] preferredNodeAffinity(PodInfo p, List<NodeInfo> nodes) {
    long[] out = new long[nodes.size()];
    if (p.preferredNodeTerms().isEmpty()) return out;
    for (int i = 0; i < out.length; i++) {
      for (PreferredSchedulingTerm t : p.preferredNodeTerms()) {
        if (t.getWeight() != null && t.getWeight() != 0 && t.getPreference() != null && NodeSelection.matches(t.getPreference(), nodes.get(i).labels(), nodes.get(i).name())) {
          out[i] += t.getWeight();
        }
      }
    }
    return normalize(out, false);
  }

  /** TaintToleration: fewer untolerated PreferNoSchedule taints score higher (100 for none). */
  public static long[] preferNoScheduleTaints(PodInfo p, List<NodeInfo> nodes) {
    long[] out = new long[nodes.size()];
    List<Toleration> prefer = p.tolerations().stream()
        .filter(t -> t.getEffect() == null || t.getEffect().isEmpty() || "PreferNoSchedule".equals(t.getEffect())).toList();
    for (int i = 0; i < out.length; i++) {
      for (Taint t : nodes.get(i).taints()) {
        if ("PreferNoSchedule".equals(t.getEffect()) && !NodeFilters.tolerated(prefer, t)) out[i]++;
      }
    }
    return normalize(out, true);
  }

  /**
   * Selector spread: fewer pods of the same controller on the node (and in its zone) score
   * higher; with zones, the zone counts for 2/3 as upstream's SelectorSpread.
   */
  public static long[] selectorSpread(PodInfo p, List<NodeInfo> nodes) {
    long[] out = new long[nodes.size()];
    if (p.ownerUid() == null) return out;
    long[] counts = new long[nodes.size()];
    long maxNode = 0;
    Map<String, Long> zones = new HashMap<>();
    for (int i = 0; i < out.length; i++) {
      NodeInfo n = nodes.get(i);
      counts[i] = n.podsOfOwner(p);
      maxNode = Math.max(maxNode, counts[i]);
      String z = n.labels().get(ZONE);
      if (z != null) zones.merge(z, counts[i], Long::sum);
    }
    long maxZone = 0;
    for (long v : zones.values()) maxZone = Math.max(maxZone, v);
    for (int i = 0; i < out.length; i++) {
      double s = maxNode > 0 ? (double) MAX * (maxNode - counts[i]) / maxNode : MAX;
      String z = nodes.get(i).labels().get(ZONE);
      if (!zones.isEmpty() && z != null) {
        double zs = maxZone > 0 ? (double) MAX * (maxZone - zones.get(z)) / maxZone : MAX;
        s = s / 3.0 + zs * 2.0 / 3.0;
      }
      out[i] = (long) s;
    }
    return out;
  }

  /** Pod affinity scores range over negatives too: scaled so the lowest is 0 and the highest 100. */
  public static long[] normalizeMinMax(long[] raw) {
    if (raw.length == 0) return raw;
    long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
    for (long v : raw) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    long[] out = new long[raw.length];
    if (hi == lo) return out;
    for (int i = 0; i < raw.length; i++) out[i] = MAX * (raw[i] - lo) / (hi - lo);
    return out;
  }

  /** Upstream's DefaultNormalizeScore: scale so the highest is 100; {@code reverse} turns it into 100 - that. */
  static long[] normalize(long[] s, boolean reverse) {
    long hi = 0;
    for (long v : s) hi = Math.max(hi, v);
    if (hi == 0) {
      if (reverse) java.util.Arrays.fill(s, MAX);
      return s;
    }
    for (int i = 0; i < s.length; i++) {
      s[i] = MAX * s[i] / hi;
      if (reverse) s[i] = MAX - s[i];
    }
    return s;
  }
}
