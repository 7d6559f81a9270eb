package io.j8s.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeartbeatTrackerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void firstSightCountsAsAHeartbeatAndOnlyChangesMoveIt() {
    HeartbeatTracker t = new HeartbeatTracker();
    assertThat(t.observe("a", "h1", "r1", T0)).isEqualTo(T0);
    assertThat(t.observe("a", "h1", "r1", T0.plusSeconds(30))).isEqualTo(T0);
    assertThat(t.observe("a", "h1", "r2", T0.plusSeconds(40))).isEqualTo(T0.plusSeconds(40)); // lease renewed
    assertThat(t.observe("a", "h2", "r2", T0.plusSeconds(45))).isEqualTo(T0.plusSeconds(45)); // status posted
    assertThat(t.observe("a", "h2", null, T0.plusSeconds(46))).isEqualTo(T0.plusSeconds(46)); // lease deleted: a change too
  }

  @Test
  void forgottenNodesStartOver() {
    HeartbeatTracker t = new HeartbeatTracker();
    t.observe("a", "h", "r", T0);
    t.retain(Set.of());
    assertThat(t.observe("a", "h", "r", T0.plusSeconds(99))).isEqualTo(T0.plusSeconds(99));
  }

  @Test
  void taintsWithoutTimeAddedAreDatedFromFirstSightUntilTheyGo() {
    HeartbeatTracker t = new HeartbeatTracker();
    assertThat(t.taintSeen("a", "x:NoExecute", T0)).isEqualTo(T0);
    t.retain(Set.of("a"));
    assertThat(t.taintSeen("a", "x:NoExecute", T0.plusSeconds(5))).isEqualTo(T0);
    t.retain(Set.of("a"));
    t.retain(Set.of("a")); // a pass without the taint
    assertThat(t.taintSeen("a", "x:NoExecute", T0.plusSeconds(9))).isEqualTo(T0.plusSeconds(9));
  }
}
