package io.j8s.controllers.workload;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory API server and kubelets for one Deployment: ReplicaSets synced with the real
 * {@link ReplicaSetPlanner}, the Deployment with the real {@link DeploymentPlanner}; pods get
 * bound after a random delay and become ready after another, except pods of "bad" images
 * (never ready) and a few that crash-loop. Pod creates fail at random ("quota").
 */
final class SimWorld {
  final ManualClock clock = new ManualClock();
  final Random rnd;
  Deployment d;
  final Map<String, ReplicaSet> rss = new LinkedHashMap<>();
  final Map<String, Pod> pods = new LinkedHashMap<>();
  final Map<String, Instant> bindAt = new HashMap<>();
  final Map<String, Instant> readyAt = new HashMap<>();
  final Set<String> badImages = new HashSet<>();
  final List<String> events = new ArrayList<>();
  double createFailure = 0.02;
  /** Pods that crash-loop although their image is good. */
  boolean crashes = true;
  private int seq;

  SimWorld(long seed, String strategy, int replicas, String surge, String unavailable, Integer progressDeadline) {
    rnd = new Random(seed);
    var b = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("d-uid").withGeneration(1L)
        .withAnnotations(new LinkedHashMap<>(Map.of("team", "a"))).endMetadata()
        .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(3).withProgressDeadlineSeconds(progressDeadline)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("img:v0").endContainer().endSpec().endTemplate()
        .withNewStrategy().withType(strategy).endStrategy().endSpec();
    d = b.build();
    if (strategy.equals("RollingUpdate")) {
      d.getSpec().getStrategy().setRollingUpdate(new io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder()
          .withMaxSurge(intOrPercent(surge)).withMaxUnavailable(intOrPercent(unavailable)).build());
    }
  }

  static IntOrString intOrPercent(String s) {
    return s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
  }

  Instant now() { return clock.now(); }

  String uid() { return "u" + (++seq); }

  // ---- user edits (each spec change bumps the generation)

  void specChanged() { d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1); }

  String image() { return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(); }

  void setImage(String image) {
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    specChanged();
  }

  List<ReplicaSet> owned() {
    return rss.values().stream().filter(r -> OwnerRefs.controlledBy(r, "d-uid")).toList();
  }

  /** kubectl rollout undo: the previous revision's template and its annotations; false if it would skip. */
  boolean undo() {
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) return false;
    ReplicaSet latest = null, previous = null;
    for (ReplicaSet rs : owned()) {
      long v = Revisions.of(rs);
      if (latest == null || Revisions.of(latest) < v) {
        previous = latest;
        latest = rs;
      } else if (previous == null || Revisions.of(previous) < v) {
        previous = rs;
      }
    }
    if (previous == null || TemplateHash.equalIgnoringHash(previous.getSpec().getTemplate(), d.getSpec().getTemplate())) return false;
    var t = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(previous.getSpec().getTemplate()).build();
    t.getMetadata().getLabels().remove(TemplateHash.LABEL);
    d.getSpec().setTemplate(t);
    Map<String, String> ann = new LinkedHashMap<>();
    for (String k : List.of(Revisions.REVISION, Revisions.HISTORY, Revisions.DESIRED, Revisions.MAX)) {
      if (d.getMetadata().getAnnotations().containsKey(k)) ann.put(k, d.getMetadata().getAnnotations().get(k));
    }
    previous.getMetadata().getAnnotations().forEach((k, v) -> {
      if (!List.of(Revisions.REVISION, Revisions.HISTORY, Revisions.DESIRED, Revisions.MAX).contains(k)) ann.put(k, v);
    });
    d.getMetadata().setAnnotations(ann);
    specChanged();
    return true;
  }

  // ---- kubelets

  /** Time passes: pods get bound, become ready (or crash). */
  void advance(Duration by) {
    clock.advance(by);
    Instant now = now();
    for (Pod p : pods.values()) {
      String n = p.getMetadata().getName();
      if (!PodStates.assigned(p) && !bindAt.get(n).isAfter(now)) {
        p.getSpec().setNodeName("node-" + rnd.nextInt(4));
        p.getStatus().setPhase("Running");
      }
      Instant r = readyAt.get(n);
      if (r != null && PodStates.assigned(p) && !Readiness.podReady(p) && !r.isAfter(now)) {
        PodCondition c = new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(Times.format(now)).build();
        p.getStatus().setConditions(new ArrayList<>(List.of(c)));
      } else if (r == null && PodStates.assigned(p) && rnd.nextInt(10) == 0) {
        var cs = p.getStatus().getContainerStatuses().get(0);
        cs.setRestartCount(cs.getRestartCount() + 1);
      }
    }
  }

  // ---- the ReplicaSet controller

  List<Pod> podsOf(ReplicaSet rs) {
    return pods.values().stream().filter(p -> OwnerRefs.controlledBy(p, rs.getMetadata().getUid()) && PodStates.active(p)).toList();
  }

  void syncReplicaSets() {
    List<Pod> related = pods.values().stream().filter(PodStates::active).toList();
    for (ReplicaSet rs : List.copyOf(rss.values())) {
      List<Pod> owned = podsOf(rs);
      ReplicaSetPlanner.Failure failure = null;
      switch (ReplicaSetPlanner.manage(rs, owned, related, now())) {
        case ReplicaSetPlanner.Manage.Nothing n -> { }
        case ReplicaSetPlanner.Manage.Create c -> {
          outer:
          for (int batch : ReplicaSetPlanner.batches(c.count())) {
            for (int i = 0; i < batch; i++) {
              if (rnd.nextDouble() < createFailure) {
                failure = new ReplicaSetPlanner.Failure("FailedCreate", "exceeded quota");
                break outer;
              }
              createPod(rs);
            }
          }
        }
        case ReplicaSetPlanner.Manage.Delete del -> del.pods().forEach(p -> pods.remove(p.getMetadata().getName()));
      }
      rs.setStatus(ReplicaSetPlanner.status(rs, podsOf(rs), failure, now()));
    }
  }

  private void createPod(ReplicaSet rs) {
    Pod p = ReplicaSetPlanner.podFor(rs);
    String name;
    do {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 5; i++) sb.append("bcdfghjklmnpqrstvwxz2456789".charAt(rnd.nextInt(27)));
      name = rs.getMetadata().getName() + "-" + sb;
    } while (pods.containsKey(name));
    p.getMetadata().setName(name);
    p.getMetadata().setUid(uid());
    p.getMetadata().setCreationTimestamp(Times.format(now()));
    p.setStatus(new PodStatus());
    p.getStatus().setPhase("Pending");
    p.getStatus().setContainerStatuses(new ArrayList<>(List.of(new ContainerStatusBuilder().withName("c").withRestartCount(0).build())));
    pods.put(name, p);
    bindAt.put(name, now().plusMillis(rnd.nextInt(3000)));
    String image = p.getSpec().getContainers().get(0).getImage();
    boolean crashLoops = badImages.contains(image) || (crashes && rnd.nextInt(20) == 0);
    if (!crashLoops) readyAt.put(name, now().plusMillis(1000 + rnd.nextInt(20_000)));
  }

  // ---- the Deployment controller

  DeploymentPlanner.Plan syncDeployment() {
    Map<String, List<Pod>> byRs = new HashMap<>();
    for (ReplicaSet rs : owned()) {
      byRs.put(rs.getMetadata().getUid(), pods.values().stream().filter(p -> OwnerRefs.controlledBy(p, rs.getMetadata().getUid())).toList());
    }
    DeploymentPlanner.Plan plan = DeploymentPlanner.plan(new DeploymentBuilder(d).build(), owned(), byRs, now());
    for (DeploymentAction a : plan.actions()) {
      switch (a) {
        case DeploymentAction.CreateReplicaSet c -> {
          ReplicaSet rs = new ReplicaSetBuilder(c.replicaSet()).build();
          if (rss.containsKey(rs.getMetadata().getName())) throw new AssertionError("hash collision on " + rs.getMetadata().getName());
          rs.getMetadata().setUid(uid());
          rs.getMetadata().setCreationTimestamp(Times.format(now()));
          rs.getMetadata().setGeneration(1L);
          rss.put(rs.getMetadata().getName(), rs);
        }
        case DeploymentAction.UpdateReplicaSet u -> {
          ReplicaSet cur = rss.get(u.replicaSet().getMetadata().getName());
          ReplicaSet next = new ReplicaSetBuilder(u.replicaSet()).build();
          if (!Objects.equals(cur.getSpec(), next.getSpec())) next.getMetadata().setGeneration(cur.getMetadata().getGeneration() + 1);
          next.setStatus(cur.getStatus());
          rss.put(next.getMetadata().getName(), next);
        }
        case DeploymentAction.DeleteReplicaSet del -> {
          ReplicaSet gone = rss.remove(del.name());
          pods.values().removeIf(p -> OwnerRefs.controlledBy(p, gone.getMetadata().getUid()));
        }
        case DeploymentAction.SetRevision r -> d.getMetadata().getAnnotations().put(Revisions.REVISION, r.revision());
        case DeploymentAction.UpdateStatus s -> d.setStatus(new DeploymentStatusBuilder(s.status()).build());
        case DeploymentAction.Event e -> events.add(e.reason() + ": " + e.message());
      }
    }
    return plan;
  }

  /** Available pods of the Deployment's ReplicaSets. */
  int available() {
    int n = 0;
    for (ReplicaSet rs : owned()) for (Pod p : podsOf(rs)) if (Readiness.podAvailable(p, ReplicaSetPlanner.minReadySeconds(rs), now())) n++;
    return n;
  }

  int activePods() {
    int n = 0;
    for (ReplicaSet rs : owned()) n += podsOf(rs).size();
    return n;
  }
}
