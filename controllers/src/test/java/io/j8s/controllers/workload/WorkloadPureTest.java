package io.j8s.controllers.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.j8s.api.selector.LabelSelector;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure pieces of the workload controllers, against upstream's documented behaviour. */
class WorkloadPureTest {
  static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

  static Deployment deployment(int replicas, String surge, String unavailable) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("d").withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600).withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(SimWorld.intOrPercent(surge)).withMaxUnavailable(SimWorld.intOrPercent(unavailable)).endRollingUpdate().endStrategy()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("img:1").endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void surgeRoundsUpUnavailableRoundsDownAndBothZeroMeansOneUnavailable() {
    assertThat(Fenceposts.maxSurge(deployment(10, "25%", "25%"))).isEqualTo(3);
    assertThat(Fenceposts.maxUnavailable(deployment(10, "25%", "25%"))).isEqualTo(2);
    assertThat(Fenceposts.maxSurge(deployment(1, "25%", "25%"))).isEqualTo(1);
    assertThat(Fenceposts.maxUnavailable(deployment(1, "25%", "25%"))).isEqualTo(0);
    assertThat(Fenceposts.maxUnavailable(deployment(3, "0", "0%"))).isEqualTo(1);
    assertThat(Fenceposts.maxUnavailable(deployment(2, "1", "5"))).isEqualTo(2);
    assertThat(Fenceposts.maxUnavailable(deployment(0, "1", "1"))).isEqualTo(0);
    assertThat(Fenceposts.scaled(new IntOrString("bad"), 10, true)).isEqualTo(0);
  }

  @Test
  void hashIsStableUsesUpstreamsAlphabetAndChangesWithCollisionCount() {
    var t = deployment(1, "1", "1").getSpec().getTemplate();
    String h = TemplateHash.of(t, null);
    assertThat(h).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}").isEqualTo(TemplateHash.of(deployment(1, "1", "1").getSpec().getTemplate(), null));
    assertThat(TemplateHash.of(t, 1)).isNotEqualTo(h);
    assertThat(TemplateHash.safeEncode("0123456789")).isEqualTo(encodeDigits()).isEqualTo("456789bcdf");
    var other = deployment(1, "1", "1").getSpec().getTemplate();
    other.getSpec().getContainers().get(0).setImage("img:2");
    assertThat(TemplateHash.of(other, null)).isNotEqualTo(h);
    other.getSpec().getContainers().get(0).setImage("img:1");
    other.getMetadata().getLabels().put(TemplateHash.LABEL, h);
    assertThat(TemplateHash.equalIgnoringHash(other, t)).isTrue();
  }

  /** '0' is byte 48: 48 % 27 = 21 -> '4'; each digit maps the same way. */
  static String encodeDigits() {
    StringBuilder sb = new StringBuilder();
    for (char c = '0'; c <= '9'; c++) sb.append("bcdfghjklmnpqrstvwxz2456789".charAt(c % 27));
    return sb.toString();
  }

  @Test
  void slowStartBatchesDouble() {
    assertThat(ReplicaSetPlanner.batches(0)).isEmpty();
    assertThat(ReplicaSetPlanner.batches(1)).containsExactly(1);
    assertThat(ReplicaSetPlanner.batches(10)).containsExactly(1, 2, 4, 3);
    assertThat(ReplicaSetPlanner.batches(15)).containsExactly(1, 2, 4, 8);
  }

  static Pod pod(String name, String node, String phase, Instant readySince, Instant created) {
    var b = new PodBuilder().withNewMetadata().withName(name).withUid(name).withCreationTimestamp(Times.format(created)).endMetadata()
        .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus();
    if (readySince != null) b.editStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(Times.format(readySince)).endCondition().endStatus();
    return b.build();
  }

  @Test
  void deletionOrderPrefersUnscheduledPendingNotReadyAndRecentlyReady() {
    Instant t = NOW.minusSeconds(3600);
    Pod unscheduled = pod("a", null, "Pending", null, t);
    Pod pending = pod("b", "n1", "Pending", null, t);
    Pod notReady = pod("c", "n1", "Running", null, t);
    Pod readyRecently = pod("d", "n2", "Running", NOW.minusSeconds(10), t);
    Pod readyLong = pod("e", "n3", "Running", NOW.minusSeconds(3000), t);
    List<Pod> all = List.of(readyLong, readyRecently, notReady, pending, unscheduled);
    assertThat(DeletionOrder.pick(all, List.of(), 5, NOW)).hasSize(5);
    assertThat(DeletionOrder.pick(all, List.of(), 4, NOW)).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b", "c", "d");
    // a lower pod-deletion-cost goes first
    Pod cheap = pod("f", "n4", "Running", NOW.minusSeconds(3000), t);
    cheap.getMetadata().setAnnotations(Map.of(DeletionOrder.DELETION_COST, "-5"));
    assertThat(DeletionOrder.pick(List.of(readyRecently, cheap), List.of(), 1, NOW)).extracting(p -> p.getMetadata().getName()).containsExactly("f");
    // doubled-up nodes first
    Pod crowded = pod("g", "n5", "Running", NOW.minusSeconds(3000), t);
    Pod alone = pod("h", "n6", "Running", NOW.minusSeconds(3000), t);
    List<Pod> related = List.of(crowded, alone, pod("x", "n5", "Running", null, t));
    assertThat(DeletionOrder.pick(List.of(alone, crowded), related, 1, NOW)).extracting(p -> p.getMetadata().getName()).containsExactly("g");
  }

  @Test
  void statusCountsReadyAvailableAfterMinReadySecondsAndFullyLabeled() {
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace("ns").withUid("r").withGeneration(4L).endMetadata()
        .withNewSpec().withReplicas(3).withMinReadySeconds(30).withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .endTemplate().endSpec().build();
    Pod old = pod("a", "n", "Running", NOW.minusSeconds(60), NOW.minusSeconds(100));
    old.getMetadata().setLabels(Map.of("app", "web"));
    Pod fresh = pod("b", "n", "Running", NOW.minusSeconds(10), NOW.minusSeconds(20));
    Pod notReady = pod("c", "n", "Running", null, NOW);
    notReady.getMetadata().setLabels(Map.of("app", "web"));
    var s = ReplicaSetPlanner.status(rs, List.of(old, fresh, notReady), null, NOW);
    assertThat(List.of(s.getReplicas(), s.getFullyLabeledReplicas(), s.getReadyReplicas(), s.getAvailableReplicas())).containsExactly(3, 2, 2, 1);
    assertThat(s.getObservedGeneration()).isEqualTo(4L);
    assertThat(ReplicaSetPlanner.nextAvailability(rs, List.of(old, fresh), NOW)).isEqualTo(Duration.ofSeconds(21));
    var failed = ReplicaSetPlanner.status(rs, List.of(), new ReplicaSetPlanner.Failure("FailedCreate", "exceeded quota"), NOW);
    assertThat(failed.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("ReplicaFailure");
      assertThat(c.getReason()).isEqualTo("FailedCreate");
    });
    rs.setStatus(failed);
    assertThat(ReplicaSetPlanner.status(rs, List.of(), null, NOW).getConditions()).isNull();
  }

  @Test
  void claimsAdoptMatchingOrphansReleaseOwnNonMatchingIgnoreOthers() throws Exception {
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("rs").withUid("r").endMetadata().build();
    Pod orphan = new PodBuilder().withNewMetadata().withName("o").addToLabels("app", "web").endMetadata().build();
    Pod mineMoved = new PodBuilder().withNewMetadata().withName("m").addToLabels("app", "db")
        .withOwnerReferences(OwnerRefs.controllerRef(rs, "apps/v1", "ReplicaSet")).endMetadata().build();
    Pod mine = new PodBuilder().withNewMetadata().withName("k").addToLabels("app", "web")
        .withOwnerReferences(OwnerRefs.controllerRef(rs, "apps/v1", "ReplicaSet")).endMetadata().build();
    Pod others = new PodBuilder().withNewMetadata().withName("x").addToLabels("app", "web").addNewOwnerReference()
        .withUid("other").withController(true).withKind("ReplicaSet").withName("z").withApiVersion("apps/v1").endOwnerReference().endMetadata().build();
    var claims = Claims.of(rs, LabelSelector.parse("app=web"), List.of(orphan, mineMoved, mine, others));
    assertThat(claims.owned()).containsExactly(mine);
    assertThat(claims.adopt()).containsExactly(orphan);
    assertThat(claims.release()).containsExactly(mineMoved);
  }

  @Test
  void expectationsHoldSyncsUntilObservedOrExpired() {
    ManualClock clock = new ManualClock();
    Expectations e = new Expectations(clock);
    assertThat(e.satisfied("ns/rs")).isTrue();
    e.expectCreations("ns/rs", 2);
    e.creationObserved("ns/rs");
    assertThat(e.satisfied("ns/rs")).isFalse();
    e.creationObserved("ns/rs");
    assertThat(e.satisfied("ns/rs")).isTrue();
    e.expectDeletions("ns/rs", Set.of("ns/a", "ns/b"));
    e.deletionObserved("ns/rs", "ns/a");
    e.deletionObserved("ns/rs", "ns/a");
    assertThat(e.satisfied("ns/rs")).isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(e.satisfied("ns/rs")).isTrue();
  }

  @Test
  void revisionHistoryAppendsTheOldRevisionWhenAReplicaSetIsReused() {
    Deployment d = deployment(3, "1", "0");
    d.getMetadata().setAnnotations(Map.of("kubernetes.io/change-cause", "set image", Revisions.LAST_APPLIED, "{}"));
    ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("rs").addToAnnotations(Revisions.REVISION, "1").endMetadata().build();
    assertThat(Revisions.setNewReplicaSetAnnotations(d, rs, 3, true, 1)).isTrue();
    assertThat(rs.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "3").containsEntry(Revisions.HISTORY, "1")
        .containsEntry("kubernetes.io/change-cause", "set image").doesNotContainKey(Revisions.LAST_APPLIED).doesNotContainKey(Revisions.DESIRED);
    assertThat(Revisions.setNewReplicaSetAnnotations(d, rs, 5, true, 1)).isTrue();
    assertThat(rs.getMetadata().getAnnotations()).containsEntry(Revisions.HISTORY, "1,3");
    assertThat(Revisions.setNewReplicaSetAnnotations(d, rs, 2, true, 1)).isFalse(); // never lowered
  }

  @Test
  void proportionalScalingSpreadsByMaxReplicasAndGivesLeftoverToTheLargest() {
    Deployment d = deployment(20, "3", "2"); // was 10 with max-replicas 13
    ReplicaSet big = new ReplicaSetBuilder().withNewMetadata().withName("new").addToAnnotations(Revisions.MAX, "13").endMetadata()
        .withNewSpec().withReplicas(8).endSpec().build();
    ReplicaSet small = new ReplicaSetBuilder().withNewMetadata().withName("old").addToAnnotations(Revisions.MAX, "13").endMetadata()
        .withNewSpec().withReplicas(5).endSpec().build();
    Map<String, Integer> sizes = Proportions.sizes(List.of(big, small), d, 23 - 13);
    assertThat(sizes).containsEntry("new", 14).containsEntry("old", 9);
    assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(23);
  }

  @Test
  void plannerCreatesTheFirstReplicaSetWithRevisionOneAndFullSize() {
    Deployment d = deployment(3, "25%", "25%");
    var plan = DeploymentPlanner.plan(d, List.of(), Map.of(), NOW);
    var create = plan.actions().stream().filter(a -> a instanceof DeploymentAction.CreateReplicaSet).map(a -> ((DeploymentAction.CreateReplicaSet) a).replicaSet()).findFirst().orElseThrow();
    String hash = create.getSpec().getSelector().getMatchLabels().get(TemplateHash.LABEL);
    assertThat(create.getMetadata().getName()).isEqualTo("web-" + hash);
    assertThat(create.getSpec().getReplicas()).isEqualTo(3);
    assertThat(create.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "1").containsEntry(Revisions.DESIRED, "3").containsEntry(Revisions.MAX, "4");
    assertThat(plan.actions()).contains(new DeploymentAction.SetRevision("1"),
        new DeploymentAction.Event("Normal", "ScalingReplicaSet", "Scaled up replica set web-" + hash + " from 0 to 3"));
    var status = plan.actions().stream().filter(a -> a instanceof DeploymentAction.UpdateStatus).map(a -> ((DeploymentAction.UpdateStatus) a).status()).findFirst().orElseThrow();
    assertThat(Conditions.get(status, Conditions.PROGRESSING).getReason()).isEqualTo(Conditions.NEW_RS_CREATED);
    assertThat(Conditions.get(status, Conditions.AVAILABLE).getReason()).isEqualTo(Conditions.MIN_UNAVAILABLE);
  }
}
