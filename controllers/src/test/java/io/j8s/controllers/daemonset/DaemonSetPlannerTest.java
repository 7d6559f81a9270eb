package io.j8s.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaemonSetPlannerTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

  static DaemonSet ds(String image) {
    return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("kube-system").withUid("ds-uid").withGeneration(3L)
        .endMetadata().withNewSpec().withNewSelector().withMatchLabels(Map.of("app", "agent")).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "agent")).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate()
        .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxUnavailable(new IntOrString(1))
        .withMaxSurge(new IntOrString(0)).endRollingUpdate().endUpdateStrategy().endSpec().build();
  }

  static Node node(String name, Taint... taints) {
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.of("kubernetes.io/hostname", name, "disk", "ssd")).endMetadata()
        .withNewSpec().withTaints(taints).endSpec().build();
  }

  static int seq;

  static Pod pod(String node, String hash, boolean ready) {
    return pod("p" + seq++, node, hash, ready, "Running");
  }

  static Pod pod(String name, String node, String hash, boolean ready, String phase) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("kube-system").withCreationTimestamp(NOW.minusSeconds(600 - seq).toString())
        .withLabels(Map.of("app", "agent", DaemonPods.REVISION_HASH, hash)).endMetadata()
        .withNewSpec().withNodeName(node).endSpec()
        .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
        .withLastTransitionTime(NOW.minusSeconds(60).toString()).endCondition().endStatus().build();
  }

  static DaemonSet withImage(DaemonSet ds, String image) {
    DaemonSet copy = new DaemonSetBuilder(ds).build();
    copy.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    copy.getMetadata().setGeneration(copy.getMetadata().getGeneration() + 1);
    return copy;
  }

  static Pod withReady(Pod p, Instant since) {
    return new PodBuilder(p).withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
        .withLastTransitionTime(since.toString()).endCondition().endStatus().build();
  }

  static DaemonSetPlanner.Plan plan(DaemonSet ds, List<Node> nodes, List<Pod> pods) {
    return DaemonSetPlanner.plan(ds, Revisions.hash(ds), nodes, pods, Set.of(), NOW);
  }

  @Test
  void onePodPerNode() {
    var p = plan(ds("v1"), List.of(node("a"), node("b")), List.of());
    assertThat(p.createOn()).containsExactly("a", "b");
    assertThat(p.delete()).isEmpty();
    assertThat(p.status().getDesiredNumberScheduled()).isEqualTo(2);
    assertThat(p.status().getCurrentNumberScheduled()).isZero();
    assertThat(p.status().getNumberUnavailable()).isEqualTo(2);
    assertThat(p.status().getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void pendingCreatesAreNotRepeated() {
    DaemonSet d = ds("v1");
    var p = DaemonSetPlanner.plan(d, Revisions.hash(d), List.of(node("a"), node("b")), List.of(), Set.of("a"), NOW);
    assertThat(p.createOn()).containsExactly("b");
  }

  @Test
  void steadyStateStatus() {
    DaemonSet d = ds("v1");
    String h = Revisions.hash(d);
    var p = plan(d, List.of(node("a"), node("b")), List.of(pod("a", h, true), pod("b", h, false)));
    assertThat(p.createOn()).isEmpty();
    assertThat(p.delete()).isEmpty();
    var s = p.status();
    assertThat(List.of(s.getDesiredNumberScheduled(), s.getCurrentNumberScheduled(), s.getNumberReady(), s.getNumberAvailable(),
        s.getNumberUnavailable(), s.getUpdatedNumberScheduled(), s.getNumberMisscheduled())).containsExactly(2, 2, 1, 1, 1, 2, 0);
  }

  @Test
  void nodeSelectorAffinityAndTaintsDecideEligibility() {
    DaemonSet d = ds("v1");
    d.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disk", "ssd"));
    Node hdd = new NodeBuilder(node("hdd")).editMetadata().withLabels(Map.of("disk", "hdd")).endMetadata().build();
    Node tainted = node("gpu", new Taint("NoSchedule", "gpu", null, "yes"));
    Node lost = node("lost", new Taint("NoExecute", "node.kubernetes.io/unreachable", null, null),
        new Taint("NoSchedule", "node.kubernetes.io/unreachable", null, null));
    Node cordoned = node("cordoned", new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null));
    Node pressured = node("full", new Taint("NoSchedule", "node.kubernetes.io/disk-pressure", null, null));
    var p = plan(d, List.of(node("a"), hdd, tainted, lost, cordoned, pressured), List.of());
    // the unreachable NoSchedule taint is not among the daemon tolerations (as upstream)
    assertThat(p.createOn()).containsExactly("a", "cordoned", "full");
  }

  @Test
  void untoleratedNoScheduleKeepsRunningPodsButNoExecuteEvictsThem() {
    DaemonSet d = ds("v1");
    String h = Revisions.hash(d);
    Pod onGpu = pod("gpu", h, true);
    Pod onDrained = pod("drained", h, true);
    var p = plan(d, List.of(node("gpu", new Taint("NoSchedule", "gpu", null, null)), node("drained", new Taint("NoExecute", "drain", null, null))),
        List.of(onGpu, onDrained));
    assertThat(p.delete()).containsExactly(onDrained.getMetadata().getName());
    assertThat(p.status().getNumberMisscheduled()).isEqualTo(2);
    assertThat(p.status().getDesiredNumberScheduled()).isZero();
  }

  @Test
  void requiredNodeAffinityIsHonoured() {
    DaemonSet d = ds("v1");
    d.getSpec().getTemplate().getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression().withKey("kubernetes.io/hostname")
        .withOperator("NotIn").withValues("b").endMatchExpression().endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity().build());
    assertThat(plan(d, List.of(node("a"), node("b"), node("c")), List.of()).createOn()).containsExactly("a", "c");
  }

  @Test
  void podsOfGoneNodesDuplicatesAndFailedPodsAreDeleted() {
    DaemonSet d = ds("v1");
    String h = Revisions.hash(d);
    Pod orphan = pod("gone", h, true);
    Pod first = pod("a", h, true);
    Pod dup = pod("a", h, true);
    Pod failed = pod("f1", "b", h, false, "Failed");
    var p = plan(d, List.of(node("a"), node("b")), List.of(orphan, first, dup, failed));
    assertThat(p.delete()).containsExactlyInAnyOrder(orphan.getMetadata().getName(), dup.getMetadata().getName(), "f1");
    assertThat(p.createOn()).containsExactly("b");
  }

  @Test
  void deletingPodsDoNotCountAndAreNotDeletedAgain() {
    DaemonSet d = ds("v1");
    Pod going = new PodBuilder(pod("a", Revisions.hash(d), true)).editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata().build();
    var p = plan(d, List.of(node("a")), List.of(going));
    assertThat(p.delete()).isEmpty();
    assertThat(p.createOn()).containsExactly("a");
  }

  @Test
  void rollingUpdateWithoutSurgeReplacesMaxUnavailableAtATime() {
    DaemonSet d = ds("v2");
    List<Pod> pods = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    for (String n : List.of("a", "b", "c", "d")) {
      nodes.add(node(n));
      pods.add(pod(n, "old", true));
    }
    var p = plan(d, nodes, pods);
    assertThat(p.delete()).hasSize(1);
    assertThat(p.status().getUpdatedNumberScheduled()).isZero();
    // one node is being replaced (no pod): nothing more goes until it is available
    pods.removeIf(x -> p.delete().contains(x.getMetadata().getName()));
    var p2 = plan(d, nodes, pods);
    assertThat(p2.delete()).isEmpty();
    assertThat(p2.createOn()).hasSize(1);
  }

  @Test
  void unavailableOldPodsAreReplacedAtOnce() {
    DaemonSet d = ds("v2");
    d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString("25%"));
    Pod sick1 = pod("a", "old", false);
    Pod sick2 = pod("b", "old", false);
    var p = plan(d, List.of(node("a"), node("b"), node("c"), node("d")), List.of(sick1, sick2, pod("c", "old", true), pod("d", "old", true)));
    assertThat(p.delete()).containsExactly(sick1.getMetadata().getName(), sick2.getMetadata().getName());
  }

  @Test
  void rollingUpdateWithSurgeStartsNewBesideOldAndDeletesOldWhenNewIsAvailable() {
    DaemonSet d = ds("v2");
    d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new IntOrString(1));
    d.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(0));
    String h = Revisions.hash(d);
    Pod oldA = pod("a", "old", true);
    Pod oldB = pod("b", "old", true);
    var p = plan(d, List.of(node("a"), node("b")), List.of(oldA, oldB));
    assertThat(p.createOn()).containsExactly("a");
    assertThat(p.delete()).isEmpty();
    Pod newA = pod("a", h, false);
    var p2 = plan(d, List.of(node("a"), node("b")), List.of(oldA, oldB, newA));
    assertThat(p2.createOn()).isEmpty();
    assertThat(p2.delete()).isEmpty();
    Pod newAReady = pod(newA.getMetadata().getName(), "a", h, true, "Running");
    var p3 = plan(d, List.of(node("a"), node("b")), List.of(oldA, oldB, newAReady));
    assertThat(p3.delete()).containsExactly(oldA.getMetadata().getName());
    assertThat(p3.createOn()).isEmpty(); // the surge slot is still taken until the old pod is gone
    var p4 = plan(d, List.of(node("a"), node("b")), List.of(oldB, newAReady));
    assertThat(p4.createOn()).containsExactly("b");
  }

  @Test
  void onDeleteLeavesOldPodsUntilDeleted() {
    DaemonSet d = ds("v2");
    d.getSpec().getUpdateStrategy().setType("OnDelete");
    d.getSpec().getUpdateStrategy().setRollingUpdate(null);
    var p = plan(d, List.of(node("a"), node("b")), List.of(pod("a", "old", true)));
    assertThat(p.delete()).isEmpty();
    assertThat(p.createOn()).containsExactly("b");
    assertThat(p.status().getUpdatedNumberScheduled()).isZero();
  }

  @Test
  void minReadySecondsDelaysAvailabilityAndAsksForARecheck() {
    DaemonSet d = ds("v1");
    d.getSpec().setMinReadySeconds(90);
    var p = plan(d, List.of(node("a")), List.of(pod("a", Revisions.hash(d), true))); // ready for 60 s
    assertThat(p.status().getNumberReady()).isEqualTo(1);
    assertThat(p.status().getNumberAvailable()).isZero();
    assertThat(p.recheck()).isPresent();
    assertThat(p.recheck().get().toSeconds()).isEqualTo(30);
  }

  @Test
  void percentagesRoundUp() {
    assertThat(DaemonSetPlanner.scaled(new IntOrString("10%"), 5, 1)).isEqualTo(1);
    assertThat(DaemonSetPlanner.scaled(new IntOrString("50%"), 5, 1)).isEqualTo(3);
    assertThat(DaemonSetPlanner.scaled(new IntOrString("0%"), 5, 1)).isZero();
    assertThat(DaemonSetPlanner.scaled(new IntOrString(2), 5, 1)).isEqualTo(2);
    assertThat(DaemonSetPlanner.scaled(null, 5, 1)).isEqualTo(1);
  }
}
