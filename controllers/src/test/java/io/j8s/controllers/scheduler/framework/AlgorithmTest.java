package io.j8s.controllers.scheduler.framework;

import static io.j8s.controllers.scheduler.framework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlgorithmTest {

  @Test void unschedulableMessageIsUpstreamsHistogram() {
    List<NodeInfo> nodes = List.of(nodeInfo(node("n1", "1", "4Gi", 10, Map.of("zone", "a"))),
        nodeInfo(node("n2", "4", "4Gi", 10, Map.of("zone", "b"))), nodeInfo(node("n3", "4", "4Gi", 10, Map.of("zone", "b"))));
    Pod p = pod("p", "2", null, b -> b.editSpec().withNodeSelector(Map.of("zone", "a")).endSpec());
    var d = (Decision.Unschedulable) Algorithm.schedule(info(p), nodes, new Random(1));
    assertThat(d.message()).isEqualTo("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.");
    assertThat(d.reasons()).containsOnlyKeys("n1", "n2", "n3");
    assertThat(new Decision.Unschedulable(0, Map.of()).message()).isEqualTo("no nodes available to schedule pods");
  }

  @Test void leastAllocatedNodeWins() {
    List<NodeInfo> nodes = List.of(nodeInfo(node("busy"), pod("a", "3", "4Gi")), nodeInfo(node("idle")));
    var d = (Decision.Bind) Algorithm.schedule(info(pod("p", "100m", "100Mi")), nodes, new Random(1));
    assertThat(d.node()).isEqualTo("idle");
    assertThat(d.scores().get("idle")).isGreaterThan(d.scores().get("busy"));
  }

  @Test void leastAllocatedScoreIsTheMeanFreeShare() {
    NodeInfo n = nodeInfo(node("n", "4", "8Gi", 10, Map.of()), pod("a", "1", "2Gi"));
    // cpu: (4000 - 1000 - 1000) * 100 / 4000 = 50; memory: (8 - 2 - 2) * 100 / 8 = 50
    assertThat(Scorers.leastAllocated(info(pod("p", "1", "2Gi")), List.of(n))).containsExactly(50);
    assertThat(Scorers.leastAllocated(info(pod("p", "5", "2Gi")), List.of(n))).containsExactly(25);
  }

  @Test void preferNoScheduleTaintsScoreButDoNotFilter() {
    List<NodeInfo> nodes = List.of(nodeInfo(node("tainted", "4", "8Gi", 10, Map.of(), taint("soft", "1", "PreferNoSchedule"))),
        nodeInfo(node("clean")));
    assertThat(Scorers.preferNoScheduleTaints(info(pod("p", null, null)), nodes)).containsExactly(0, 100);
    Pod tolerant = pod("p", null, null, b -> b.editSpec().withTolerations(new Toleration("PreferNoSchedule", "soft", "Exists", null, null)).endSpec());
    assertThat(Scorers.preferNoScheduleTaints(info(tolerant), nodes)).containsExactly(100, 100);
    for (int seed = 0; seed < 20; seed++) {
      assertThat(((Decision.Bind) Algorithm.schedule(info(pod("p", null, null)), nodes, new Random(seed))).node()).isEqualTo("clean");
    }
  }

  @Test void preferredNodeAffinityWeightsAreNormalised() {
    List<NodeInfo> nodes = List.of(nodeInfo(node("a", "4", "8Gi", 10, Map.of("disk", "ssd", "gpu", "1"))),
        nodeInfo(node("b", "4", "8Gi", 10, Map.of("disk", "ssd"))), nodeInfo(node("c")));
    Pod p = pod("p", null, null, b -> b.editSpec().withNewAffinity().withNewNodeAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
        pref(30, "disk", "ssd"), pref(10, "gpu", "1")).endNodeAffinity().endAffinity().endSpec());
    assertThat(Scorers.preferredNodeAffinity(info(p), nodes)).containsExactly(100, 75, 0);
    assertThat(((Decision.Bind) Algorithm.schedule(info(p), nodes, new Random(3))).node()).isEqualTo("a");
  }

  static PreferredSchedulingTerm pref(int w, String key, String value) {
    return new PreferredSchedulingTerm(new NodeSelectorTerm(List.of(new NodeSelectorRequirement(key, "In", List.of(value))), null), w);
  }

  static Pod owned(String name, String owner) {
    return pod(name, null, null, b -> b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withUid(owner).withController(true)
        .withKind("ReplicaSet").withName(owner).withApiVersion("apps/v1").build()).endMetadata());
  }

  @Test void selectorSpreadPrefersNodesWithFewerSiblings() {
    List<NodeInfo> nodes = List.of(nodeInfo(node("a"), owned("r0", "rs"), owned("r1", "rs")), nodeInfo(node("b"), owned("r2", "rs")),
        nodeInfo(node("c"), owned("x", "other")));
    assertThat(Scorers.selectorSpread(info(owned("r3", "rs")), nodes)).containsExactly(0, 50, 100);
    assertThat(Scorers.selectorSpread(info(pod("lone", null, null)), nodes)).containsExactly(0, 0, 0);
  }

  @Test void selectorSpreadWeighsZonesTwoThirds() {
    var a1 = node("a1", "4", "8Gi", 10, Map.of(Scorers.ZONE, "a"));
    var a2 = node("a2", "4", "8Gi", 10, Map.of(Scorers.ZONE, "a"));
    var b1 = node("b1", "4", "8Gi", 10, Map.of(Scorers.ZONE, "b"));
    List<NodeInfo> nodes = List.of(nodeInfo(a1, owned("r0", "rs")), nodeInfo(a2), nodeInfo(b1));
    // a2: node 100, zone 0 -> 33; b1: node 100, zone 100 -> 100
    assertThat(Scorers.selectorSpread(info(owned("r1", "rs")), nodes)).containsExactly(0, 33, 100);
  }

  @Test void tiesAreBrokenBySeed() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) nodes.add(nodeInfo(node("n" + i)));
    List<String> first = new ArrayList<>(), again = new ArrayList<>();
    Random r1 = new Random(42), r2 = new Random(42);
    for (int i = 0; i < 20; i++) {
      first.add(((Decision.Bind) Algorithm.schedule(info(pod("p", null, null)), nodes, r1)).node());
      again.add(((Decision.Bind) Algorithm.schedule(info(pod("p", null, null)), nodes, r2)).node());
    }
    assertThat(first).isEqualTo(again);
    assertThat(first.stream().distinct().count()).isGreaterThan(3);
  }

  @Test void theFirstFailingFilterGivesTheReason() {
    var n = node("n", "1", "1Gi", 10, Map.of(), taint("k", "v", "NoSchedule"));
    Pod p = pod("p", "2", null, b -> b.editSpec().withNodeSelector(Map.of("x", "y")).endSpec());
    var d = (Decision.Unschedulable) Algorithm.schedule(info(p), List.of(nodeInfo(n)), new Random(1));
    assertThat(d.reasons().get("n")).containsExactly("node(s) had untolerated taint {k: v}");
  }

  @Test void unknownNodesHoldingPodsAreNotCandidates() {
    NodeInfo placeholder = new NodeInfo("gone");
    placeholder.addPod(info(new PodBuilder(pod("a", "1", null)).build()));
    var d = Algorithm.schedule(info(pod("p", null, null)), List.of(placeholder), new Random(1));
    assertThat(d).isInstanceOf(Decision.Unschedulable.class);
    assertThat(((Decision.Unschedulable) d).message()).isEqualTo("no nodes available to schedule pods");
  }
}
