package io.j8s.controllers.daemonset;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One sync of a DaemonSet as a pure function (upstream's manage, rollingUpdate and
 * updateDaemonSetStatus): which nodes get a new pod, which pods go, and the status. A node
 * should have exactly one daemon pod when {@link NodeEligibility} says so; extra, failed and
 * misplaced pods are deleted. RollingUpdate replaces pods of an old template: with maxSurge 0 it
 * deletes up to maxUnavailable available old pods at a time (unavailable old pods at once), the
 * next sync creates their replacements; with maxSurge it starts a new pod beside the old one on
 * up to maxSurge nodes and deletes the old one once the new one is available. OnDelete replaces
 * a pod only after someone deletes it.
 */
public final class DaemonSetPlanner {
  private DaemonSetPlanner() {}

  public record Plan(List<String> createOn, List<String> delete, DaemonSetStatus status, Optional<Duration> recheck) {}

  /**
   * @param pods the DaemonSet's pods (controller owner reference), including ones being deleted
   * @param pending nodes where a create was sent but the pod is not in the cache yet
   */
  public static Plan plan(DaemonSet ds, String hash, List<Node> nodes, List<Pod> pods, Set<String> pending, Instant now) {
    int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
    Instant[] recheck = {null};
    Map<String, List<Pod>> byNode = new LinkedHashMap<>();
    for (Pod p : pods) {
      if (p.getMetadata().getDeletionTimestamp() != null) continue;
      String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
      byNode.computeIfAbsent(n == null ? "" : n, k -> new ArrayList<>()).add(p);
    }
    List<String> create = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    Map<String, List<Pod>> running = new LinkedHashMap<>(); // should-run nodes and their surviving pods
    int desired = 0;
    int misscheduled = 0;
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      NodeEligibility.Verdict v = NodeEligibility.of(ds.getSpec().getTemplate().getSpec(), node);
      List<Pod> here = byNode.getOrDefault(name, List.of());
      byNode.remove(name);
      if (v.shouldRun()) desired++;
      if (!here.isEmpty() && !v.shouldRun()) misscheduled++;
      if (!v.shouldContinueRunning()) {
        here.forEach(p -> delete.add(p.getMetadata().getName()));
        continue;
      }
      List<Pod> keep = new ArrayList<>();
      for (Pod p : here) {
        if ("Failed".equals(phase(p))) delete.add(p.getMetadata().getName());
        else keep.add(p);
      }
      keep.sort(Comparator.comparing((Pod p) -> !available(p, minReady, now, null)).thenComparing(p -> created(p)));
      if (keep.size() > 1) {
        // one old and one new pod during a surge is expected; anything else is a duplicate
        Pod fresh = keep.stream().filter(p -> hash.equals(hashOf(p))).findFirst().orElse(null);
        Pod old = keep.stream().filter(p -> !hash.equals(hashOf(p))).findFirst().orElse(null);
        List<Pod> kept = fresh != null && old != null && surge(ds, nodes.size()) > 0 ? List.of(old, fresh) : List.of(keep.get(0));
        for (Pod p : keep) if (!kept.contains(p)) delete.add(p.getMetadata().getName());
        keep = new ArrayList<>(kept);
      }
      if (v.shouldRun() || !keep.isEmpty()) running.put(name, keep);
      if (v.shouldRun() && keep.isEmpty() && !pending.contains(name)) create.add(name);
    }
    // pods on nodes that no longer exist, or unbound
    byNode.values().forEach(ps -> ps.forEach(p -> delete.add(p.getMetadata().getName())));

    if (isRollingUpdate(ds)) rollingUpdate(ds, hash, desired, running, pending, minReady, now, create, delete);

    int current = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    for (Node node : nodes) {
      List<Pod> keep = running.get(node.getMetadata().getName());
      if (keep == null || keep.isEmpty()) continue;
      if (!NodeEligibility.of(ds.getSpec().getTemplate().getSpec(), node).shouldRun()) continue;
      current++;
      Pod p = keep.stream().filter(x -> hash.equals(hashOf(x))).findFirst().orElse(keep.get(0));
      if (Readiness.podReady(p)) ready++;
      if (available(p, minReady, now, recheck)) available++;
      if (hash.equals(hashOf(p))) updated++;
    }
    DaemonSetStatus status = new DaemonSetStatusBuilder()
        .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(current).withNumberMisscheduled(misscheduled)
        .withNumberReady(ready).withNumberAvailable(available).withNumberUnavailable(Math.max(0, desired - available))
        .withUpdatedNumberScheduled(updated).withObservedGeneration(ds.getMetadata().getGeneration())
        .withCollisionCount(ds.getStatus() == null ? null : ds.getStatus().getCollisionCount())
        .withConditions(ds.getStatus() == null ? null : ds.getStatus().getConditions())
        .build();
    return new Plan(List.copyOf(create), List.copyOf(delete), status,
        Optional.ofNullable(recheck[0]).map(t -> Duration.between(now, t).plusMillis(100)));
  }

  private static void rollingUpdate(DaemonSet ds, String hash, int desired, Map<String, List<Pod>> running, Set<String> pending,
      int minReady, Instant now, List<String> create, List<String> delete) {
    int maxSurge = surge(ds, desired);
    int maxUnavailable = scaled(ds.getSpec().getUpdateStrategy().getRollingUpdate() == null ? null
        : ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable(), desired, 1);
    if (maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
    if (maxSurge == 0) {
      int unavailable = 0;
      List<String> allowed = new ArrayList<>();
      List<String> candidates = new ArrayList<>();
      for (var e : running.entrySet()) {
        List<Pod> keep = e.getValue();
        if (keep.isEmpty()) {
          unavailable++; // being (re)created
          continue;
        }
        Pod p = keep.get(0);
        if (hash.equals(hashOf(p))) {
          if (!available(p, minReady, now, null)) unavailable++;
        } else if (!available(p, minReady, now, null)) {
          allowed.add(p.getMetadata().getName());
        } else {
          candidates.add(p.getMetadata().getName());
        }
      }
      delete.addAll(allowed);
      int budget = maxUnavailable - unavailable - allowed.size();
      for (int i = 0; i < Math.min(Math.max(0, budget), candidates.size()); i++) delete.add(candidates.get(i));
      return;
    }
    int surging = 0;
    List<String> allowedNodes = new ArrayList<>();
    List<String> candidateNodes = new ArrayList<>();
    for (var e : running.entrySet()) {
      Pod fresh = e.getValue().stream().filter(p -> hash.equals(hashOf(p))).findFirst().orElse(null);
      Pod old = e.getValue().stream().filter(p -> !hash.equals(hashOf(p))).findFirst().orElse(null);
      if (old == null) continue;
      if (fresh == null) {
        if (pending.contains(e.getKey())) surging++;
        else if (!available(old, minReady, now, null)) allowedNodes.add(e.getKey());
        else candidateNodes.add(e.getKey());
        continue;
      }
      surging++;
      if (available(fresh, minReady, now, null)) delete.add(old.getMetadata().getName());
    }
    create.addAll(allowedNodes);
    int budget = maxSurge - surging - allowedNodes.size();
    for (int i = 0; i < Math.min(Math.max(0, budget), candidateNodes.size()); i++) create.add(candidateNodes.get(i));
  }

  static boolean isRollingUpdate(DaemonSet ds) {
    var s = ds.getSpec().getUpdateStrategy();
    return s == null || s.getType() == null || "RollingUpdate".equals(s.getType());
  }

  static int surge(DaemonSet ds, int desired) {
    if (!isRollingUpdate(ds) || ds.getSpec().getUpdateStrategy() == null || ds.getSpec().getUpdateStrategy().getRollingUpdate() == null) return 0;
    return scaled(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge(), desired, 0);
  }

  /** An int or a percentage of {@code total}, rounded up (as upstream does for DaemonSets). */
  static int scaled(IntOrString v, int total, int fallback) {
    if (v == null) return fallback;
    if (v.getIntVal() != null) return Math.max(0, v.getIntVal());
    String s = v.getStrVal();
    if (s == null || !s.endsWith("%")) return fallback;
    try {
      int pct = Integer.parseInt(s.substring(0, s.length() - 1));
      return Math.max(0, (int) Math.ceil(pct * total / 100.0));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static String hashOf(Pod p) {
    return p.getMetadata().getLabels() == null ? "" : p.getMetadata().getLabels().getOrDefault(DaemonPods.REVISION_HASH, "");
  }

  static String phase(Pod p) { return p.getStatus() == null ? null : p.getStatus().getPhase(); }

  static Instant created(Pod p) {
    String t = p.getMetadata().getCreationTimestamp();
    return t == null ? Instant.MAX : Instant.parse(t);
  }

  /** Ready for at least minReadySeconds; when it will be, that time goes into {@code recheck}. */
  static boolean available(Pod p, int minReady, Instant now, Instant[] recheck) {
    if (Readiness.podAvailable(p, minReady, now)) return true;
    Optional<Instant> since = Readiness.podReadySince(p);
    if (minReady <= 0 || since.isEmpty()) return false;
    Instant at = since.get().plusSeconds(minReady);
    if (recheck != null && (recheck[0] == null || at.isBefore(recheck[0]))) recheck[0] = at;
    return false;
  }
}
