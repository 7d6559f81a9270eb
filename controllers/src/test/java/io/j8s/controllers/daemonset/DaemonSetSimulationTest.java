package io.j8s.controllers.daemonset;

import io.j8s.api.status.Readiness;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the DaemonSet planner: nodes come and go, the template changes, pods
 * become Ready a few seconds after they are created. At every step: at most one pod per node
 * (two only while surging), a rolling update never takes an available pod away while
 * maxUnavailable nodes are already without one; once the churn stops, every node runs one
 * Ready pod of the current template and the status says so.
 */
class DaemonSetSimulationTest {
  @Test
  void seededRollouts() {
    for (long seed = 1; seed <= 25; seed++) run(seed);
  }

  void run(long seed) {
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock();
    DaemonSet ds = DaemonSetPlannerTest.ds("v0");
    int surge = rnd.nextInt(3);
    int maxUnavailable = surge > 0 && rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(2);
    ds.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new IntOrString(surge));
    ds.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(maxUnavailable));
    int effectiveUnavailable = surge == 0 && maxUnavailable == 0 ? 1 : maxUnavailable;
    Map<String, Node> nodes = new LinkedHashMap<>();
    int nodeSeq = 0;
    for (int i = 0; i < 2 + rnd.nextInt(6); i++, nodeSeq++) nodes.put("n" + nodeSeq, DaemonSetPlannerTest.node("n" + nodeSeq));
    Map<String, Pod> pods = new LinkedHashMap<>();
    Map<String, Instant> readyAt = new HashMap<>();
    int podSeq = 0;
    int version = 0;
    int steps = 400;
    for (int step = 0; step < steps; step++) {
      clock.advance(Duration.ofSeconds(1));
      Instant now = clock.now();
      String at = "seed " + seed + " step " + step + " (surge " + surge + ", maxUnavailable " + maxUnavailable + "): ";
      boolean churn = step < steps - 100;
      if (churn && rnd.nextInt(40) == 0) ds = DaemonSetPlannerTest.withImage(ds, "v" + ++version);
      if (churn && rnd.nextInt(60) == 0) nodes.put("n" + nodeSeq, DaemonSetPlannerTest.node("n" + nodeSeq++));
      if (churn && rnd.nextInt(80) == 0 && nodes.size() > 1) nodes.remove(nodes.keySet().iterator().next());
      for (var e : readyAt.entrySet()) {
        Pod p = pods.get(e.getKey());
        if (p != null && !now.isBefore(e.getValue())) pods.put(e.getKey(), DaemonSetPlannerTest.withReady(p, e.getValue()));
      }
      String hash = Revisions.hash(ds);
      var plan = DaemonSetPlanner.plan(ds, hash, List.copyOf(nodes.values()), List.copyOf(pods.values()), Set.of(), now);
      int unavailableBefore = unavailable(nodes, pods);
      boolean deletedAvailable = false;
      for (String name : plan.delete()) {
        Pod p = pods.remove(name);
        assertThat(p).as(at + "deleting unknown pod %s", name).isNotNull();
        if (nodes.containsKey(p.getSpec().getNodeName()) && Readiness.podReady(p)) deletedAvailable = true;
      }
      for (String node : plan.createOn()) {
        String name = "p" + podSeq++;
        pods.put(name, new PodBuilder(DaemonPods.forNode(ds, hash, node)).editMetadata().withName(name)
            .withCreationTimestamp(now.toString()).endMetadata().build());
        readyAt.put(name, now.plusSeconds(1 + rnd.nextInt(5)));
      }
      Map<String, List<Pod>> byNode = new HashMap<>();
      for (Pod p : pods.values()) byNode.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p);
      for (var e : byNode.entrySet()) {
        if (!nodes.containsKey(e.getKey())) continue;
        assertThat(e.getValue().size()).as(at + "pods on %s", e.getKey()).isLessThanOrEqualTo(surge > 0 ? 2 : 1);
        assertThat(e.getValue().stream().map(DaemonSetPlanner::hashOf).distinct().count()).as(at + "hashes on %s", e.getKey())
            .isEqualTo(e.getValue().size());
      }
      if (deletedAvailable) {
        assertThat(unavailable(nodes, pods)).as(at + "unavailable after deleting available pods (before: %d)", unavailableBefore)
            .isLessThanOrEqualTo(Math.max(effectiveUnavailable, unavailableBefore));
      }
      if (step == steps - 1) {
        for (String n : nodes.keySet()) {
          List<Pod> here = byNode.getOrDefault(n, List.of());
          assertThat(here).as(at + "converged on %s", n).singleElement()
              .satisfies(p -> assertThat(DaemonSetPlanner.hashOf(p)).isEqualTo(hash))
              .satisfies(p -> assertThat(Readiness.podReady(p)).isTrue());
        }
        var s = DaemonSetPlanner.plan(ds, hash, List.copyOf(nodes.values()), List.copyOf(pods.values()), Set.of(), now).status();
        assertThat(List.of(s.getCurrentNumberScheduled(), s.getUpdatedNumberScheduled(), s.getNumberAvailable(), s.getNumberReady()))
            .as(at + "status").containsOnly(nodes.size());
        assertThat(s.getNumberUnavailable()).isZero();
      }
    }
  }

  /** Nodes without a Ready pod. */
  static int unavailable(Map<String, Node> nodes, Map<String, Pod> pods) {
    int n = 0;
    for (String node : nodes.keySet()) {
      if (pods.values().stream().noneMatch(p -> node.equals(p.getSpec().getNodeName()) && Readiness.podReady(p))) n++;
    }
    return n;
  }
}
