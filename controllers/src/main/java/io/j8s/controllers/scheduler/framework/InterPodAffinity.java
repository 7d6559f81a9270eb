package io.j8s.controllers.scheduler.framework;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Required pod affinity and anti-affinity (filter) and preferred terms (score), as upstream's
 * InterPodAffinity plugin: one pass over the existing pods counts, per topology domain
 * ({@code key=value} of a node label), the pods the incoming pod's terms match and the existing
 * pods whose anti-affinity matches the incoming pod; each node is then judged by its domains.
 */
public final class InterPodAffinity {
  public static final String AFFINITY = "node(s) didn't match pod affinity rules";
  public static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
  public static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
  /** Upstream's hardPodAffinityWeight: an existing pod's required affinity term scores as this weight. */
  static final int HARD_AFFINITY_WEIGHT = 1;

  private final PodInfo pod;
  private final Map<String, Integer> existingAnti = new HashMap<>();
  private final Map<String, Integer> affinity = new HashMap<>();
  private final Map<String, Integer> anti = new HashMap<>();

  private InterPodAffinity(PodInfo pod) {
    this.pod = pod;
  }

  static String domain(String key, String value) {
    return key + "\0" + value;
  }

  /** Counts what the filter needs; cheap when neither the pod nor any existing pod has required terms. */
  public static InterPodAffinity prepare(PodInfo pod, List<NodeInfo> nodes) {
    InterPodAffinity s = new InterPodAffinity(pod);
    boolean own = !pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty();
    for (NodeInfo n : nodes) {
      if (n.node() == null) continue;
      for (PodInfo e : n.podsWithRequiredAntiAffinity()) {
        for (PodTerm t : e.requiredAntiAffinity()) {
          String v = n.labels().get(t.topologyKey());
          if (v != null && t.matches(pod)) s.existingAnti.merge(domain(t.topologyKey(), v), 1, Integer::sum);
        }
      }
      if (!own) continue;
      for (PodInfo e : n.pods()) {
        if (!pod.requiredAffinity().isEmpty() && matchesAll(pod.requiredAffinity(), e)) {
          for (PodTerm t : pod.requiredAffinity()) {
            String v = n.labels().get(t.topologyKey());
            if (v != null) s.affinity.merge(domain(t.topologyKey(), v), 1, Integer::sum);
          }
        }
        for (PodTerm t : pod.requiredAntiAffinity()) {
          String v = n.labels().get(t.topologyKey());
          if (v != null && t.matches(e)) s.anti.merge(domain(t.topologyKey(), v), 1, Integer::sum);
        }
      }
    }
    return s;
  }

  static boolean matchesAll(List<PodTerm> terms, PodInfo p) {
    for (PodTerm t : terms) if (!t.matches(p)) return false;
    return true;
  }

  public List<String> filter(NodeInfo n) {
    if (!pod.requiredAffinity().isEmpty() && !satisfiesAffinity(n)) return List.of(AFFINITY);
    for (PodTerm t : pod.requiredAntiAffinity()) {
      String v = n.labels().get(t.topologyKey());
      if (v != null && anti.getOrDefault(domain(t.topologyKey(), v), 0) > 0) return List.of(ANTI_AFFINITY);
    }
    if (!existingAnti.isEmpty()) {
      for (var l : n.labels().entrySet()) {
        if (existingAnti.getOrDefault(domain(l.getKey(), l.getValue()), 0) > 0) return List.of(EXISTING_ANTI_AFFINITY);
      }
    }
    return List.of();
  }

  /** Every term has a matching pod in this node's domain; or no pod matches anywhere and the pod matches its own terms (the first of a group). */
  private boolean satisfiesAffinity(NodeInfo n) {
    boolean all = true;
    for (PodTerm t : pod.requiredAffinity()) {
      String v = n.labels().get(t.topologyKey());
      if (v == null) return false;
      if (affinity.getOrDefault(domain(t.topologyKey(), v), 0) <= 0) all = false;
    }
    if (all) return true;
    return affinity.isEmpty() && matchesAll(pod.requiredAffinity(), pod);
  }

  /** Preferred terms of the pod and of existing pods, summed per domain; raw scores per candidate (normalised by the caller). */
  public static long[] score(PodInfo pod, List<NodeInfo> all, List<NodeInfo> candidates) {
    long[] out = new long[candidates.size()];
    boolean own = !pod.preferredAffinity().isEmpty() || !pod.preferredAntiAffinity().isEmpty();
    Map<String, Long> domains = new HashMap<>();
    for (NodeInfo n : all) {
      if (n.node() == null) continue;
      for (PodInfo e : own ? n.pods() : n.podsWithAffinity()) {
        long w = 0;
        for (PodTerm t : pod.preferredAffinity()) if (t.matches(e)) add(domains, n, t.topologyKey(), t.weight());
        for (PodTerm t : pod.preferredAntiAffinity()) if (t.matches(e)) add(domains, n, t.topologyKey(), -t.weight());
        for (PodTerm t : e.requiredAffinity()) if (t.matches(pod)) add(domains, n, t.topologyKey(), HARD_AFFINITY_WEIGHT);
        for (PodTerm t : e.preferredAffinity()) if (t.matches(pod)) add(domains, n, t.topologyKey(), t.weight());
        for (PodTerm t : e.preferredAntiAffinity()) if (t.matches(pod)) add(domains, n, t.topologyKey(), -t.weight());
      }
    }
    if (domains.isEmpty()) return out;
    for (int i = 0; i < out.length; i++) {
      long s = 0;
      for (var l : candidates.get(i).labels().entrySet()) s += domains.getOrDefault(domain(l.getKey(), l.getValue()), 0L);
      out[i] = s;
    }
    return out;
  }

  private static void add(Map<String, Long> domains, NodeInfo n, String key, long w) {
    String v = n.labels().get(key);
    if (v != null && w != 0) domains.merge(domain(key, v), w, Long::sum);
  }
}
