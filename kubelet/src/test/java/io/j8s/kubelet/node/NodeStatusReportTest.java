package io.j8s.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeStatusReportTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  final NodeStatusCalculator calc = new NodeStatusCalculator(EvictionThresholds.DEFAULTS);
  final NodeStatusReport report = NodeStatusReport.DEFAULT;

  @Test
  void firstPostThenOnlyOnChangeOrEveryFiveMinutes() {
    NodeStatus posted = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), null, T0);
    assertThat(report.decide(null, posted, null, T0)).isEqualTo(NodeStatusReport.Decision.FIRST);
    NodeStatus later = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), posted, T0.plusSeconds(10));
    assertThat(NodeStatusReport.changed(posted, later)).as("heartbeat only").isFalse();
    assertThat(report.decide(posted, later, T0, T0.plusSeconds(10))).isEqualTo(NodeStatusReport.Decision.SKIP);
    assertThat(report.decide(posted, later, T0, T0.plusSeconds(299))).isEqualTo(NodeStatusReport.Decision.SKIP);
    assertThat(report.decide(posted, later, T0, T0.plusSeconds(300))).isEqualTo(NodeStatusReport.Decision.PERIODIC);
    NodeStatus notReady = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.networkNotReady()), posted, T0.plusSeconds(20));
    assertThat(report.decide(posted, notReady, T0, T0.plusSeconds(20))).isEqualTo(NodeStatusReport.Decision.CHANGED);
  }

  @Test
  void anyFieldButHeartbeatCounts() {
    NodeStatus a = calc.compute(Fixtures.facts(), Fixtures.sample(Fixtures.ready()), null, T0);
    NodeStatus moreImages = calc.compute(Fixtures.facts(), new NodeSample(Fixtures.ready(), Fixtures.healthy(),
        List.of(new NodeSample.NodeImage(List.of("x:1"), 5))), a, T0.plusSeconds(10));
    assertThat(NodeStatusReport.changed(a, moreImages)).isTrue();
    NodeStatus otherIp = calc.compute(new NodeFacts("node-a", "node-a", "10.0.0.6", 4, 16 * Fixtures.GI, 100 * Fixtures.GI,
        "linux", "amd64", "k", "o", "m1", "u1", "b1", NodeFacts.KUBELET_VERSION, "containerd://1.6.20~ds1"),
        Fixtures.sample(Fixtures.ready()), a, T0.plusSeconds(10));
    assertThat(NodeStatusReport.changed(a, otherIp)).isTrue();
    assertThat(NodeStatusReport.changed(null, a)).isTrue();
  }

  /**
   * A seeded run of 3,000 ticks (10 s apart) with the runtime's readiness and memory flapping at
   * random: a post happens exactly when the status changed or 5 minutes passed; lastHeartbeatTime
   * of a posted Ready equals the post's time; lastTransitionTime moves only when Ready flips;
   * no two posts are more than 5 min + one tick apart.
   */
  @Test
  void seededSimulation() {
    for (long seed = 1; seed <= 5; seed++) {
      Random rnd = new Random(seed);
      ManualClock clock = new ManualClock(T0);
      NodeStatus api = null;
      Instant lastReport = null;
      List<Instant> posts = new ArrayList<>();
      boolean ready = true;
      boolean lowMemory = false;
      for (int tick = 0; tick < 3000; tick++) {
        if (rnd.nextInt(40) == 0) ready = !ready;
        if (rnd.nextInt(60) == 0) lowMemory = !lowMemory;
        EvictionSignals sig = lowMemory ? new EvictionSignals(10, 50 * Fixtures.GI, 100 * Fixtures.GI, 5, 6, 1, 1, 1, 1) : Fixtures.healthy();
        NodeSample sample = new NodeSample(ready ? Fixtures.ready() : Fixtures.networkNotReady(), sig, List.of());
        Instant now = clock.now();
        NodeStatus computed = calc.compute(Fixtures.facts(), sample, api, now);
        NodeStatusReport.Decision d = report.decide(api, computed, lastReport, now);
        boolean mustPost = lastReport == null || NodeStatusReport.changed(api, computed)
            || !Duration.between(lastReport, now).minus(Duration.ofMinutes(5)).isNegative();
        assertThat(d != NodeStatusReport.Decision.SKIP).as("seed %d tick %d", seed, tick).isEqualTo(mustPost);
        if (d != NodeStatusReport.Decision.SKIP) {
          NodeCondition prevReady = api == null ? null : NodeStatusCalculatorTest.cond(api, "Ready");
          NodeCondition nowReady = NodeStatusCalculatorTest.cond(computed, "Ready");
          assertThat(nowReady.getLastHeartbeatTime()).isEqualTo(NodeStatusCalculator.timestamp(now));
          assertThat(nowReady.getStatus()).isEqualTo(ready ? "True" : "False");
          if (prevReady != null && prevReady.getStatus().equals(nowReady.getStatus())) {
            assertThat(nowReady.getLastTransitionTime()).isEqualTo(prevReady.getLastTransitionTime());
          } else {
            assertThat(nowReady.getLastTransitionTime()).isEqualTo(NodeStatusCalculator.timestamp(now));
          }
          api = computed;
          lastReport = now;
          posts.add(now);
        }
        clock.advance(Duration.ofSeconds(10));
      }
      for (int i = 1; i < posts.size(); i++) {
        assertThat(Duration.between(posts.get(i - 1), posts.get(i))).isLessThanOrEqualTo(Duration.ofMinutes(5));
      }
      assertThat(posts.size()).as("far fewer posts than ticks").isLessThan(600);
    }
  }
}
