package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: one Deployment sync as upstream's deployment controller does it (paused and scaling
 * events, RollingUpdate, Recreate, revision history cleanup, rollout status), computed over
 * working copies of the Deployment and its ReplicaSets; the result is the ordered list of writes.
 */
final class DeploymentPlanner {
  record Plan(List<DeploymentAction> actions, Duration requeueAfter) {}

  private final Deployment d;
  private final DeploymentStatus original;
  private final List<ReplicaSet> rss = new ArrayList<>();
  private final Map<String, List<Pod>> podsByRs;
  private final Instant now;
  private final List<DeploymentAction> actions = new ArrayList<>();
  private Duration requeue;
  private ReplicaSet newRS;
  private List<ReplicaSet> oldRSs = List.of();

  private DeploymentPlanner(Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> podsByRsUid, Instant now) {
    this.d = new DeploymentBuilder(d).build();
    if (this.d.getStatus() == null) this.d.setStatus(new DeploymentStatus());
    this.d.getStatus().setConditions(new ArrayList<>(this.d.getStatus().getConditions() == null ? List.of() : this.d.getStatus().getConditions()));
    if (this.d.getMetadata().getAnnotations() == null) this.d.getMetadata().setAnnotations(new LinkedHashMap<>());
    this.original = new DeploymentStatusBuilder(this.d.getStatus()).build();
    for (ReplicaSet rs : owned) rss.add(new ReplicaSetBuilder(rs).build());
    this.podsByRs = podsByRsUid;
    this.now = now;
  }

  /**
   * @param owned       the ReplicaSets this Deployment controls (claimed)
   * @param podsByRsUid pods of those ReplicaSets, by ReplicaSet uid (Recreate waits for old ones to go)
   */
  static Plan plan(Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> podsByRsUid, Instant now) {
    DeploymentPlanner p = new DeploymentPlanner(d, owned, podsByRsUid, now);
    p.sync();
    if (!DeploymentStatuses.same(p.original, p.d.getStatus())) p.actions.add(new DeploymentAction.UpdateStatus(p.d.getStatus()));
    return new Plan(List.copyOf(p.actions), p.requeue);
  }

  private void sync() {
    var sel = d.getSpec().getSelector();
    if (sel != null && empty(sel.getMatchLabels()) && empty(sel.getMatchExpressions())) {
      event("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      d.getStatus().setObservedGeneration(Math.max(DeploymentStatuses.n(d.getStatus().getObservedGeneration()),
          DeploymentStatuses.n(d.getMetadata().getGeneration())));
      return;
    }
    if (OwnerRefs.deleting(d)) {
      replicaSets(false);
      d.setStatus(DeploymentStatuses.calculate(all(), newRS, d, now));
      return;
    }
    checkPausedConditions();
    if (Boolean.TRUE.equals(d.getSpec().getPaused()) || isScalingEvent()) {
      replicaSets(false);
      scale();
      if (Boolean.TRUE.equals(d.getSpec().getPaused())) cleanup(oldRSs);
      d.setStatus(DeploymentStatuses.calculate(all(), newRS, d, now));
      return;
    }
    if (Fenceposts.rolling(d)) rolling();
    else recreate();
  }

  private static boolean empty(Object o) {
    return o == null || (o instanceof Map<?, ?> m && m.isEmpty()) || (o instanceof List<?> l && l.isEmpty());
  }

  // ---- ReplicaSets and revisions

  /** Upstream's getAllReplicaSetsAndSyncRevision: finds (or creates) the new ReplicaSet, keeps revisions in step. */
  private void replicaSets(boolean create) {
    List<ReplicaSet> sorted = new ArrayList<>(rss);
    sorted.sort(Orders.BY_CREATION);
    ReplicaSet found = null;
    for (ReplicaSet rs : sorted) {
      if (TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
        found = rs;
        break;
      }
    }
    List<ReplicaSet> old = new ArrayList<>(sorted);
    old.remove(found);
    oldRSs = old;
    long newRevision = Revisions.max(old) + 1;
    int maxSurge = Fenceposts.maxSurge(d);
    if (found != null) {
      boolean changed = Revisions.setNewReplicaSetAnnotations(d, found, newRevision, true, maxSurge);
      int minReady = minReadySeconds();
      if (ReplicaSetPlanner.minReadySeconds(found) != minReady) {
        found.getSpec().setMinReadySeconds(minReady);
        changed = true;
      }
      if (changed) actions.add(new DeploymentAction.UpdateReplicaSet(new ReplicaSetBuilder(found).build()));
      setRevision(found.getMetadata().getAnnotations().get(Revisions.REVISION));
      if (DeploymentStatuses.hasProgressDeadline(d) && Conditions.get(d.getStatus(), Conditions.PROGRESSING) == null) {
        Conditions.set(d.getStatus(), Conditions.make(Conditions.PROGRESSING, "True", Conditions.FOUND_NEW_RS,
            "Found new replica set \"" + found.getMetadata().getName() + "\"", now));
      }
      newRS = found;
      return;
    }
    newRS = null;
    if (!create) return;
    newRS = newReplicaSet(newRevision, maxSurge);
    actions.add(new DeploymentAction.CreateReplicaSet(new ReplicaSetBuilder(newRS).build()));
    newRS.getMetadata().setCreationTimestamp(Times.format(now));
    rss.add(newRS);
    int n = DeploymentStatuses.spec(newRS);
    if (n > 0) event("Normal", "ScalingReplicaSet", "Scaled up replica set " + newRS.getMetadata().getName() + " from 0 to " + n);
    setRevision(Long.toString(newRevision));
    if (DeploymentStatuses.hasProgressDeadline(d)) {
      Conditions.set(d.getStatus(), Conditions.make(Conditions.PROGRESSING, "True", Conditions.NEW_RS_CREATED,
          "Created new replica set \"" + newRS.getMetadata().getName() + "\"", now));
    }
  }

  private ReplicaSet newReplicaSet(long revision, int maxSurge) {
    Integer collisions = d.getStatus().getCollisionCount();
    String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
    var template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
        ? Map.of() : template.getMetadata().getLabels());
    labels.put(TemplateHash.LABEL, hash);
    if (template.getMetadata() == null) template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    template.getMetadata().setLabels(labels);
    var selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(TemplateHash.LABEL, hash).build();
    ReplicaSet rs = new ReplicaSetBuilder()
        .withNewMetadata().withName(d.getMetadata().getName() + "-" + hash).withNamespace(d.getMetadata().getNamespace())
        .withLabels(new LinkedHashMap<>(labels)).withOwnerReferences(OwnerRefs.controllerRef(d, "apps/v1", "Deployment")).endMetadata()
        .withNewSpec().withReplicas(0).withMinReadySeconds(minReadySeconds()).withSelector(selector).withTemplate(template).endSpec()
        .build();
    List<ReplicaSet> all = new ArrayList<>(oldRSs);
    all.add(rs);
    rs.getSpec().setReplicas(newReplicas(all, rs));
    Revisions.setNewReplicaSetAnnotations(d, rs, revision, false, maxSurge);
    return rs;
  }

  private int minReadySeconds() {
    return d.getSpec().getMinReadySeconds() == null ? 0 : d.getSpec().getMinReadySeconds();
  }

  private void setRevision(String revision) {
    if (revision == null || revision.equals(d.getMetadata().getAnnotations().get(Revisions.REVISION))) return;
    d.getMetadata().getAnnotations().put(Revisions.REVISION, revision);
    actions.add(new DeploymentAction.SetRevision(revision));
  }

  /** The new ReplicaSet's size under the strategy: up to the surge limit, never past the replicas. */
  private int newReplicas(List<ReplicaSet> all, ReplicaSet rs) {
    int replicas = Fenceposts.replicas(d);
    if (!Fenceposts.rolling(d)) return replicas;
    int current = 0;
    for (ReplicaSet r : all) current += DeploymentStatuses.spec(r);
    int maxTotal = replicas + Fenceposts.maxSurge(d);
    if (current >= maxTotal) return DeploymentStatuses.spec(rs);
    return DeploymentStatuses.spec(rs) + Math.min(maxTotal - current, replicas - DeploymentStatuses.spec(rs));
  }

  private List<ReplicaSet> all() {
    List<ReplicaSet> all = new ArrayList<>(oldRSs);
    if (newRS != null) all.add(newRS);
    return all;
  }

  private static List<ReplicaSet> active(List<ReplicaSet> rss) {
    return rss.stream().filter(r -> r != null && DeploymentStatuses.spec(r) > 0).toList();
  }

  // ---- scaling

  private boolean isScalingEvent() {
    replicaSets(false);
    for (ReplicaSet rs : active(all())) {
      Integer desired = Revisions.intAnnotation(rs, Revisions.DESIRED);
      if (desired != null && desired != Fenceposts.replicas(d)) return true;
    }
    return false;
  }

  /** Upstream's scale: resize the one active (or latest) ReplicaSet, or spread the change proportionally. */
  private void scale() {
    int replicas = Fenceposts.replicas(d);
    ReplicaSet activeOrLatest = activeOrLatest();
    if (activeOrLatest != null) {
      if (DeploymentStatuses.spec(activeOrLatest) != replicas) scaleAndRecord(activeOrLatest, replicas);
      return;
    }
    if (saturated()) {
      for (ReplicaSet old : active(oldRSs)) scaleAndRecord(old, 0);
      return;
    }
    if (!Fenceposts.rolling(d)) return;
    List<ReplicaSet> all = new ArrayList<>(active(all()));
    int current = all.stream().mapToInt(DeploymentStatuses::spec).sum();
    int allowed = replicas > 0 ? replicas + Fenceposts.maxSurge(d) : 0;
    int toAdd = allowed - current;
    if (toAdd > 0) all.sort(Orders.BY_SIZE_NEWER);
    else if (toAdd < 0) all.sort(Orders.BY_SIZE_OLDER);
    Map<String, Integer> sizes = Proportions.sizes(all, d, toAdd);
    for (ReplicaSet rs : all) {
      int size = sizes.get(rs.getMetadata().getName());
      resize(rs, size, size > DeploymentStatuses.spec(rs) ? "up" : "down");
    }
  }

  private ReplicaSet activeOrLatest() {
    if (newRS == null && oldRSs.isEmpty()) return null;
    List<ReplicaSet> newestFirst = new ArrayList<>(oldRSs);
    newestFirst.sort(Orders.BY_CREATION.reversed());
    List<ReplicaSet> withNew = new ArrayList<>(newestFirst);
    if (newRS != null) withNew.add(newRS);
    List<ReplicaSet> active = active(withNew);
    return switch (active.size()) {
      case 0 -> newRS != null ? newRS : newestFirst.get(0);
      case 1 -> active.get(0);
      default -> null;
    };
  }

  private boolean saturated() {
    if (newRS == null) return false;
    Integer desired = Revisions.intAnnotation(newRS, Revisions.DESIRED);
    int replicas = Fenceposts.replicas(d);
    return desired != null && desired == replicas && DeploymentStatuses.spec(newRS) == replicas
        && DeploymentStatuses.available(newRS) == replicas;
  }

  /** Upstream's scaleReplicaSetAndRecordEvent: true if the size changed. */
  private boolean scaleAndRecord(ReplicaSet rs, int size) {
    int cur = DeploymentStatuses.spec(rs);
    if (cur == size) return false;
    return resize(rs, size, cur < size ? "up" : "down");
  }

  private boolean resize(ReplicaSet rs, int size, String direction) {
    int cur = DeploymentStatuses.spec(rs);
    int replicas = Fenceposts.replicas(d);
    boolean sizeChanges = cur != size;
    boolean annotationsChange = Revisions.setReplicas(rs, replicas, replicas + Fenceposts.maxSurge(d));
    if (!sizeChanges && !annotationsChange) return false;
    rs.getSpec().setReplicas(size);
    actions.add(new DeploymentAction.UpdateReplicaSet(new ReplicaSetBuilder(rs).build()));
    if (sizeChanges) {
      event("Normal", "ScalingReplicaSet", "Scaled " + direction + " replica set " + rs.getMetadata().getName() + " from " + cur + " to " + size);
    }
    return sizeChanges;
  }

  // ---- strategies

  private void rolling() {
    replicaSets(true);
    List<ReplicaSet> all = all();
    if (reconcileNew(all) || reconcileOld(all, new ArrayList<>(active(oldRSs)))) {
      rolloutStatus(all);
      return;
    }
    if (DeploymentStatuses.complete(d, d.getStatus())) cleanup(oldRSs);
    rolloutStatus(all);
  }

  private boolean reconcileNew(List<ReplicaSet> all) {
    int replicas = Fenceposts.replicas(d);
    int cur = DeploymentStatuses.spec(newRS);
    if (cur == replicas) return false;
    if (cur > replicas) return scaleAndRecord(newRS, replicas);
    return scaleAndRecord(newRS, newReplicas(all, newRS));
  }

  private boolean reconcileOld(List<ReplicaSet> all, List<ReplicaSet> oldActive) {
    if (oldActive.stream().mapToInt(DeploymentStatuses::spec).sum() == 0) return false;
    int allPods = all.stream().mapToInt(DeploymentStatuses::spec).sum();
    int minAvailable = Fenceposts.replicas(d) - Fenceposts.maxUnavailable(d);
    int newUnavailable = DeploymentStatuses.spec(newRS) - DeploymentStatuses.available(newRS);
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    int cleaned = cleanupUnhealthy(oldActive, maxScaledDown);
    List<ReplicaSet> remaining = new ArrayList<>(oldActive);
    remaining.add(newRS);
    int scaled = scaleDownOld(remaining, oldActive, minAvailable);
    return cleaned + scaled > 0;
  }

  /** Scales old ReplicaSets down by their unavailable replicas first: they serve nobody. */
  private int cleanupUnhealthy(List<ReplicaSet> old, int maxCleanup) {
    old.sort(Orders.BY_CREATION);
    int total = 0;
    for (ReplicaSet rs : old) {
      if (total >= maxCleanup) break;
      int spec = DeploymentStatuses.spec(rs);
      int available = DeploymentStatuses.available(rs);
      if (spec == 0 || spec == available) continue;
      int down = Math.min(maxCleanup - total, spec - available);
      if (down < 0) break; // a stale status: more available than wanted; upstream gives up this round too
      scaleAndRecord(rs, spec - down);
      total += down;
    }
    return total;
  }

  /** Scales old ReplicaSets down, oldest first, as far as availability above minAvailable allows. */
  private int scaleDownOld(List<ReplicaSet> all, List<ReplicaSet> old, int minAvailable) {
    int available = all.stream().mapToInt(DeploymentStatuses::available).sum();
    if (available <= minAvailable) return 0;
    old.sort(Orders.BY_CREATION);
    int total = available - minAvailable;
    int done = 0;
    for (ReplicaSet rs : old) {
      if (done >= total) break;
      int spec = DeploymentStatuses.spec(rs);
      if (spec == 0) continue;
      int down = Math.min(spec, total - done);
      scaleAndRecord(rs, spec - down);
      done += down;
    }
    return done;
  }

  private void recreate() {
    replicaSets(false);
    boolean scaledDown = false;
    for (ReplicaSet rs : active(oldRSs)) scaledDown |= scaleAndRecord(rs, 0);
    if (scaledDown || oldPodsRunning()) {
      rolloutStatus(all());
      return;
    }
    if (newRS == null) replicaSets(true);
    scaleAndRecord(newRS, Fenceposts.replicas(d));
    if (DeploymentStatuses.complete(d, d.getStatus())) cleanup(oldRSs);
    rolloutStatus(all());
  }

  private boolean oldPodsRunning() {
    if (oldRSs.stream().mapToInt(DeploymentStatuses::replicas).sum() > 0) return true;
    for (ReplicaSet rs : oldRSs) {
      for (Pod p : podsByRs.getOrDefault(rs.getMetadata().getUid(), List.of())) {
        String phase = PodStates.phase(p);
        if (!phase.equals("Failed") && !phase.equals("Succeeded")) return true;
      }
    }
    return false;
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private void cleanup(List<ReplicaSet> old) {
    Integer limit = d.getSpec().getRevisionHistoryLimit();
    if (limit == null) return;
    List<ReplicaSet> cleanable = new ArrayList<>(old.stream().filter(r -> !OwnerRefs.deleting(r)).toList());
    int diff = cleanable.size() - limit;
    if (diff <= 0) return;
    cleanable.sort(Orders.BY_REVISION);
    for (int i = 0; i < diff; i++) {
      ReplicaSet rs = cleanable.get(i);
      long observed = rs.getStatus() == null ? 0 : DeploymentStatuses.n(rs.getStatus().getObservedGeneration());
      if (DeploymentStatuses.replicas(rs) != 0 || DeploymentStatuses.spec(rs) != 0
          || DeploymentStatuses.n(rs.getMetadata().getGeneration()) > observed) continue;
      actions.add(new DeploymentAction.DeleteReplicaSet(rs.getMetadata().getName(), rs.getMetadata().getUid()));
      rss.remove(rs);
    }
  }

  // ---- status

  private void checkPausedConditions() {
    if (!DeploymentStatuses.hasProgressDeadline(d)) return;
    var cond = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    if (cond != null && Conditions.TIMED_OUT.equals(cond.getReason())) return;
    boolean pausedCond = cond != null && Conditions.PAUSED.equals(cond.getReason());
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    if (paused && !pausedCond) {
      Conditions.set(d.getStatus(), Conditions.make(Conditions.PROGRESSING, "Unknown", Conditions.PAUSED, "Deployment is paused", now));
    } else if (!paused && pausedCond) {
      Conditions.set(d.getStatus(), Conditions.make(Conditions.PROGRESSING, "Unknown", Conditions.RESUMED, "Deployment is resumed", now));
    }
  }

  private void rolloutStatus(List<ReplicaSet> all) {
    DeploymentStatus s = DeploymentStatuses.calculate(all, newRS, d, now);
    boolean deadline = DeploymentStatuses.hasProgressDeadline(d);
    if (!deadline) Conditions.remove(s, Conditions.PROGRESSING);
    var cur = Conditions.get(d.getStatus(), Conditions.PROGRESSING);
    boolean completed = DeploymentStatuses.n(s.getReplicas()) == DeploymentStatuses.n(s.getUpdatedReplicas())
        && cur != null && Conditions.NEW_RS_AVAILABLE.equals(cur.getReason());
    String name = newRS == null ? null : newRS.getMetadata().getName();
    if (deadline && !completed) {
      if (DeploymentStatuses.complete(d, s)) {
        Conditions.set(s, Conditions.make(Conditions.PROGRESSING, "True", Conditions.NEW_RS_AVAILABLE,
            name == null ? "" : "ReplicaSet \"" + name + "\" has successfully progressed.", now));
      } else if (DeploymentStatuses.progressing(d, s)) {
        var c = Conditions.make(Conditions.PROGRESSING, "True", Conditions.RS_UPDATED,
            name == null ? "" : "ReplicaSet \"" + name + "\" is progressing.", now);
        if (cur != null && "True".equals(cur.getStatus())) c.setLastTransitionTime(cur.getLastTransitionTime());
        Conditions.remove(s, Conditions.PROGRESSING);
        Conditions.set(s, c);
      } else if (DeploymentStatuses.timedOut(d, s, now)) {
        Conditions.set(s, Conditions.make(Conditions.PROGRESSING, "False", Conditions.TIMED_OUT,
            name == null ? "" : "ReplicaSet \"" + name + "\" has timed out progressing.", now));
      }
    }
    var failure = replicaFailure(all);
    if (failure != null) Conditions.set(s, failure);
    else Conditions.remove(s, Conditions.REPLICA_FAILURE);
    d.setStatus(s);
    requeue = DeploymentStatuses.requeueForDeadline(d, s, now);
  }

  /** The new ReplicaSet's ReplicaFailure condition, else any old one's. */
  private io.fabric8.kubernetes.api.model.apps.DeploymentCondition replicaFailure(List<ReplicaSet> all) {
    List<ReplicaSet> order = new ArrayList<>();
    if (newRS != null) order.add(newRS);
    order.addAll(all);
    for (ReplicaSet rs : order) {
      if (rs == null || rs.getStatus() == null || rs.getStatus().getConditions() == null) continue;
      for (var c : rs.getStatus().getConditions()) {
        if (!Conditions.REPLICA_FAILURE.equals(c.getType())) continue;
        return new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder().withType(c.getType()).withStatus(c.getStatus())
            .withReason(c.getReason()).withMessage(c.getMessage())
            .withLastUpdateTime(c.getLastTransitionTime()).withLastTransitionTime(c.getLastTransitionTime()).build();
      }
    }
    return null;
  }

  private void event(String type, String reason, String message) {
    actions.add(new DeploymentAction.Event(type, reason, message));
  }
}
