package io.j8s.controllers.scheduler.framework;

import static io.j8s.controllers.scheduler.framework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inter-pod affinity and anti-affinity, and topology spread constraints. */
class PodPlacementTest {
  static final String HOST = "kubernetes.io/hostname", ZONE = "topology.kubernetes.io/zone";

  static io.fabric8.kubernetes.api.model.Node zoned(String name, String zone) {
    return node(name, "8", "16Gi", 110, Map.of(HOST, name, ZONE, zone));
  }

  static Pod labelled(String name, String app) {
    return pod(name, null, null, b -> b.editMetadata().withLabels(Map.of("app", app)).endMetadata());
  }

  static PodAffinityTerm term(String app, String key) {
    return new PodAffinityTermBuilder().withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build())
        .withTopologyKey(key).build();
  }

  static Pod anti(String name, String app, String avoid, String key) {
    return new PodBuilder(labelled(name, app)).editSpec().withNewAffinity().withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term(avoid, key)).endPodAntiAffinity().endAffinity().endSpec().build();
  }

  static Pod near(String name, String app, String with, String key) {
    return new PodBuilder(labelled(name, app)).editSpec().withNewAffinity().withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(term(with, key)).endPodAffinity().endAffinity().endSpec().build();
  }

  static List<String> filter(Pod p, List<NodeInfo> nodes, NodeInfo n) {
    PodInfo pi = info(p);
    return InterPodAffinity.prepare(pi, nodes).filter(n);
  }

  @Test void antiAffinityAvoidsTheDomainOfMatchingPods() {
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("web-0", "web")), a2 = nodeInfo(zoned("a2", "a")), b1 = nodeInfo(zoned("b1", "b"));
    List<NodeInfo> all = List.of(a1, a2, b1);
    Pod byHost = anti("web-1", "web", "web", HOST);
    assertThat(filter(byHost, all, a1)).containsExactly(InterPodAffinity.ANTI_AFFINITY);
    assertThat(filter(byHost, all, a2)).isEmpty();
    Pod byZone = anti("web-1", "web", "web", ZONE);
    assertThat(filter(byZone, all, a2)).containsExactly(InterPodAffinity.ANTI_AFFINITY);
    assertThat(filter(byZone, all, b1)).isEmpty();
  }

  @Test void existingPodsAntiAffinityIsSymmetric() {
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), anti("db-0", "db", "web", ZONE)), a2 = nodeInfo(zoned("a2", "a")), b1 = nodeInfo(zoned("b1", "b"));
    List<NodeInfo> all = List.of(a1, a2, b1);
    assertThat(filter(labelled("web-0", "web"), all, a2)).containsExactly(InterPodAffinity.EXISTING_ANTI_AFFINITY);
    assertThat(filter(labelled("web-0", "web"), all, b1)).isEmpty();
    assertThat(filter(labelled("api-0", "api"), all, a2)).isEmpty();
  }

  @Test void antiAffinityIsPerNamespace() {
    Pod other = new PodBuilder(labelled("web-0", "web")).editMetadata().withNamespace("other").endMetadata().build();
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), other);
    assertThat(filter(anti("web-1", "web", "web", HOST), List.of(a1), a1)).isEmpty();
  }

  @Test void affinityNeedsAMatchingPodInTheDomainExceptForTheFirstOfAGroup() {
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("cache-0", "cache")), a2 = nodeInfo(zoned("a2", "a")), b1 = nodeInfo(zoned("b1", "b"));
    List<NodeInfo> all = List.of(a1, a2, b1);
    Pod web = near("web-0", "web", "cache", ZONE);
    assertThat(filter(web, all, a2)).isEmpty();
    assertThat(filter(web, all, b1)).containsExactly(InterPodAffinity.AFFINITY);
    Pod lonely = near("x-0", "x", "db", ZONE);
    assertThat(filter(lonely, all, b1)).containsExactly(InterPodAffinity.AFFINITY);
    Pod first = near("db-0", "db", "db", ZONE);
    assertThat(filter(first, all, b1)).isEmpty();
    NodeInfo noZone = nodeInfo(node("bare"));
    assertThat(filter(first, List.of(noZone), noZone)).containsExactly(InterPodAffinity.AFFINITY);
  }

  @Test void preferredPodAffinityScoresTheDomain() {
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("cache-0", "cache")), b1 = nodeInfo(zoned("b1", "b"));
    Pod p = new PodBuilder(labelled("web-0", "web")).editSpec().withNewAffinity().withNewPodAffinity()
        .withPreferredDuringSchedulingIgnoredDuringExecution(new WeightedPodAffinityTerm(term("cache", ZONE), 10)).endPodAffinity()
        .withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(new WeightedPodAffinityTerm(term("web", HOST), 5))
        .endPodAntiAffinity().endAffinity().endSpec().build();
    List<NodeInfo> all = List.of(a1, b1);
    assertThat(InterPodAffinity.score(info(p), all, all)).containsExactly(10, 0);
    a1.addPod(info(labelled("web-9", "web")));
    assertThat(InterPodAffinity.score(info(p), all, all)).containsExactly(5, 0);
    assertThat(Scorers.normalizeMinMax(new long[] {5, 0, -5})).containsExactly(100, 50, 0);
  }

  static Pod spread(String name, int maxSkew, String key) {
    return new PodBuilder(labelled(name, "web")).editSpec().withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
        .withMaxSkew(maxSkew).withTopologyKey(key).withWhenUnsatisfiable("DoNotSchedule")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build()).build()).endSpec().build();
  }

  static List<String> spreadFilter(Pod p, List<NodeInfo> nodes, NodeInfo n) {
    return TopologySpread.prepare(info(p), nodes).filter(n);
  }

  @Test void spreadKeepsSkewWithinMaxSkew() {
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("w0", "web"), labelled("w1", "web")), b1 = nodeInfo(zoned("b1", "b"), labelled("w2", "web"));
    List<NodeInfo> all = List.of(a1, b1);
    assertThat(spreadFilter(spread("w3", 1, ZONE), all, a1)).containsExactly(TopologySpread.MISMATCH);
    assertThat(spreadFilter(spread("w3", 1, ZONE), all, b1)).isEmpty();
    assertThat(spreadFilter(spread("w3", 2, ZONE), all, a1)).isEmpty();
    NodeInfo c1 = nodeInfo(zoned("c1", "c"));
    assertThat(spreadFilter(spread("w3", 1, ZONE), List.of(a1, b1, c1), b1)).containsExactly(TopologySpread.MISMATCH);
  }

  @Test void spreadIgnoresPodsOutsideTheSelectorAndTerminatingOnes() {
    Pod gone = new PodBuilder(labelled("w9", "web")).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("x", "api"), gone), b1 = nodeInfo(zoned("b1", "b"));
    assertThat(spreadFilter(spread("w3", 1, ZONE), List.of(a1, b1), a1)).isEmpty();
  }

  @Test void spreadNeedsTheTopologyLabelAndCountsOnlyNodesThePodMaySelect() {
    NodeInfo bare = nodeInfo(node("bare"));
    assertThat(spreadFilter(spread("w", 1, ZONE), List.of(bare), bare)).containsExactly(TopologySpread.MISSING_LABEL);
    NodeInfo a1 = nodeInfo(zoned("a1", "a"), labelled("w0", "web")), b1 = nodeInfo(zoned("b1", "b"));
    Pod onlyA = new PodBuilder(spread("w1", 1, ZONE)).editSpec().withNodeSelector(Map.of(ZONE, "a")).endSpec().build();
    // zone b is outside the pod's node selection, so its empty domain does not count
    assertThat(spreadFilter(onlyA, List.of(a1, b1), a1)).isEmpty();
  }
}
