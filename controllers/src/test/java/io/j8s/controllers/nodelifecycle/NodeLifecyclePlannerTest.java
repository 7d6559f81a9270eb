package io.j8s.controllers.nodelifecycle;

import static io.j8s.controllers.placement.TaintMatch.NOT_READY;
import static io.j8s.controllers.placement.TaintMatch.NO_EXECUTE;
import static io.j8s.controllers.placement.TaintMatch.NO_SCHEDULE;
import static io.j8s.controllers.placement.TaintMatch.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.j8s.controllers.nodelifecycle.LifecycleAction.Evict;
import io.j8s.controllers.nodelifecycle.LifecycleAction.MarkPodNotReady;
import io.j8s.controllers.nodelifecycle.LifecycleAction.MarkUnknown;
import io.j8s.controllers.nodelifecycle.LifecycleAction.UpdateTaints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeLifecyclePlannerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration GRACE = Duration.ofSeconds(50);

  static NodeView node(String name, String ready, Instant probe, Taint... taints) {
    return new NodeView(name, "", ready, List.of(taints), probe);
  }

  static Taint taint(String key, String effect, Instant added) {
    return new Taint(effect, key, added == null ? null : added.toString(), null);
  }

  static Toleration tol(String key, String effect, Long seconds) {
    return new Toleration(effect, key, "Exists", seconds, null);
  }

  static PodView pod(String name, String node, boolean ready, Toleration... tols) {
    return new PodView("ns", name, node, ready, false, List.of(tols));
  }

  /** Plans with one more healthy node, so the cluster is not entirely down (which stops evictions). */
  static List<LifecycleAction> plan(Instant now, List<NodeView> nodes, List<PodView> pods) {
    return NodeLifecyclePlanner.plan(now, GRACE, withLive(nodes, now), pods).actions();
  }

  static List<NodeView> withLive(List<NodeView> nodes, Instant now) {
    List<NodeView> all = new ArrayList<>(nodes);
    all.add(node("live", "True", now));
    return all;
  }

  @Test
  void healthyNodeNeedsNothingAndIsLookedAtWhenItsGraceEnds() {
    var p = NodeLifecyclePlanner.plan(T0.plusSeconds(10), GRACE, List.of(node("a", "True", T0)), List.of(pod("p", "a", true)));
    assertThat(p.actions()).isEmpty();
    assertThat(p.nextDeadline()).contains(T0.plus(GRACE));
  }

  @Test
  void silentNodeBecomesUnknownTaintedUnreachableAndItsPodsNotReady() {
    Instant now = T0.plus(GRACE);
    var actions = plan(now, List.of(node("a", "True", T0), node("b", "True", now)), List.of(pod("p", "a", true), pod("q", "b", true)));
    assertThat(actions).hasSize(4);
    assertThat(actions.get(0)).isEqualTo(new MarkUnknown("a"));
    UpdateTaints u = (UpdateTaints) actions.get(1);
    assertThat(u.node()).isEqualTo("a");
    assertThat(u.add()).extracting(Taint::getKey, Taint::getEffect)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(UNREACHABLE, NO_SCHEDULE), org.assertj.core.groups.Tuple.tuple(UNREACHABLE, NO_EXECUTE));
    assertThat(u.add().get(0).getTimeAdded()).isNull();
    assertThat(u.add().get(1).getTimeAdded()).isEqualTo(now.toString());
    assertThat(actions.get(2)).isEqualTo(new MarkPodNotReady("ns", "p"));
    // p tolerates nothing: evicted in the same pass as the taint is added
    assertThat(actions.get(3)).isEqualTo(new Evict("ns", "p", "a", UNREACHABLE + ":" + NO_EXECUTE));
  }

  @Test
  void justBeforeTheGracePeriodNothingHappens() {
    assertThat(plan(T0.plus(GRACE).minusMillis(1), List.of(node("a", "True", T0)), List.of())).isEmpty();
  }

  @Test
  void alreadyUnknownNodeIsNotMarkedAgain() {
    Instant now = T0.plusSeconds(100);
    var n = node("a", "Unknown", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, T0.plusSeconds(50)));
    assertThat(plan(now, List.of(n), List.of())).isEmpty();
  }

  @Test
  void notReadyNodeGetsNotReadyTaints() {
    var actions = plan(T0, List.of(node("a", "False", T0)), List.of());
    assertThat(actions).singleElement().isInstanceOfSatisfying(UpdateTaints.class,
        u -> assertThat(u.add()).extracting(Taint::getKey).containsExactly(NOT_READY, NOT_READY));
  }

  @Test
  void unknownTurningFalseSwapsTheTaints() {
    var n = node("a", "False", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, T0));
    UpdateTaints u = (UpdateTaints) plan(T0.plusSeconds(1), List.of(n), List.of()).get(0);
    assertThat(u.add()).extracting(Taint::getKey).containsExactly(NOT_READY, NOT_READY);
    assertThat(u.remove()).extracting(Taint::getKey).containsExactly(UNREACHABLE, UNREACHABLE);
  }

  @Test
  void recoveredNodeLosesItsTaintsAndItsPodsStay() {
    var n = node("a", "True", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, T0.minusSeconds(5)),
        new Taint(NO_EXECUTE, "dedicated", T0.toString(), "x"));
    var actions = plan(T0.plusSeconds(1), List.of(n), List.of(pod("p", "a", false, tol("dedicated", null, null))));
    assertThat(actions).singleElement().isInstanceOfSatisfying(UpdateTaints.class, u -> {
      assertThat(u.add()).isEmpty();
      assertThat(u.remove()).extracting(Taint::getKey).containsExactly(UNREACHABLE, UNREACHABLE);
    });
  }

  @Test
  void tolerationSecondsCountFromTimeAdded() {
    Instant added = T0.plus(GRACE);
    var n = node("a", "Unknown", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, added));
    List<PodView> pods = List.of(pod("short", "a", false, tol(UNREACHABLE, NO_EXECUTE, 5L)),
        pod("long", "a", false, tol(UNREACHABLE, NO_EXECUTE, 300L)), pod("forever", "a", false, tol(UNREACHABLE, NO_EXECUTE, null)),
        pod("wildcard", "a", false, new Toleration(null, null, "Exists", null, null)));
    var early = NodeLifecyclePlanner.plan(added.plusSeconds(4), GRACE, withLive(List.of(n), added.plusSeconds(4)), pods);
    assertThat(early.actions()).isEmpty();
    assertThat(early.nextDeadline()).contains(added.plusSeconds(5));
    assertThat(plan(added.plusSeconds(5), List.of(n), pods)).containsExactly(new Evict("ns", "short", "a", UNREACHABLE + ":" + NO_EXECUTE));
    assertThat(plan(added.plusSeconds(300), List.of(n), pods)).extracting(a -> ((Evict) a).name()).containsExactly("short", "long");
    assertThat(plan(added.plusSeconds(100_000), List.of(n), pods)).hasSize(2);
  }

  @Test
  void negativeTolerationSecondsMeanAtOnceAndTheLongestMatchingTolerationWins() {
    var n = node("a", "Unknown", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, T0));
    assertThat(plan(T0, List.of(n), List.of(pod("neg", "a", false, tol(UNREACHABLE, NO_EXECUTE, -10L))))).hasSize(1);
    assertThat(plan(T0.plusSeconds(10), List.of(n), List.of(pod("two", "a", false, tol(UNREACHABLE, NO_EXECUTE, 5L), tol(UNREACHABLE, null, 20L)))))
        .isEmpty();
  }

  @Test
  void everyNoExecuteTaintCountsNotJustTheNodeLifecycleOnes() {
    var n = node("a", "True", T0, new Taint(NO_EXECUTE, "maintenance", T0.toString(), "yes"), new Taint(NO_SCHEDULE, "gpu", null, null));
    var pods = List.of(pod("plain", "a", true), pod("ok", "a", true, new Toleration(NO_EXECUTE, "maintenance", "Equal", null, "yes")),
        pod("wrongValue", "a", true, new Toleration(NO_EXECUTE, "maintenance", "Equal", null, "no")));
    assertThat(plan(T0, List.of(n), pods)).extracting(a -> ((Evict) a).name()).containsExactly("plain", "wrongValue");
  }

  @Test
  void podsAlreadyDeletingUnboundOrOnMissingNodesAreLeftAlone() {
    var n = node("a", "Unknown", T0, taint(UNREACHABLE, NO_SCHEDULE, null), taint(UNREACHABLE, NO_EXECUTE, T0));
    var pods = List.of(new PodView("ns", "going", "a", true, true, List.of()), pod("elsewhere", "gone", true));
    assertThat(plan(T0.plusSeconds(1000), List.of(n), pods)).isEmpty();
  }

  @Test
  void nodeThatNeverReportedIsMarkedUnknownAfterGrace() {
    assertThat(plan(T0.plus(GRACE), List.of(node("a", null, T0)), List.of())).first().isEqualTo(new MarkUnknown("a"));
  }

  @Test
  void partialDisruptionStopsNewNoExecuteTaintsButKeepsNoSchedule() {
    Instant now = T0.plus(GRACE);
    List<NodeView> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) nodes.add(node("dead" + i, "True", T0));
    nodes.add(node("old", "Unknown", T0, taint(UNREACHABLE, NO_EXECUTE, T0), taint(UNREACHABLE, NO_SCHEDULE, null)));
    nodes.add(node("live", "True", now));
    var p = NodeLifecyclePlanner.plan(now, GRACE, nodes, List.of(pod("p", "dead0", false), pod("q", "old", false)));
    assertThat(p.zones()).containsEntry("", ZoneState.PARTIAL_DISRUPTION);
    for (LifecycleAction a : p.actions()) {
      if (a instanceof UpdateTaints u) assertThat(u.add()).extracting(Taint::getEffect).containsOnly(NO_SCHEDULE);
    }
    // the node tainted before the disruption keeps evicting
    assertThat(p.actions()).filteredOn(Evict.class::isInstance).extracting(a -> ((Evict) a).name()).containsExactly("q");
  }

  @Test
  void otherZonesAreNotHeldBackByOneDisruptedZone() {
    Instant now = T0.plus(GRACE);
    List<NodeView> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) nodes.add(new NodeView("z1-" + i, "z1", "True", List.of(), T0)); // all of z1 dead
    nodes.add(new NodeView("z2-dead", "z2", "True", List.of(), T0));
    nodes.add(new NodeView("z2-live", "z2", "True", List.of(), now));
    var p = NodeLifecyclePlanner.plan(now, GRACE, nodes, List.of());
    assertThat(p.zones()).containsEntry("z1", ZoneState.FULL_DISRUPTION).containsEntry("z2", ZoneState.NORMAL);
    assertThat(p.actions()).filteredOn(UpdateTaints.class::isInstance).hasSize(5)
        .allSatisfy(a -> assertThat(((UpdateTaints) a).add()).extracting(Taint::getEffect).contains(NO_EXECUTE));
  }

  @Test
  void whenEveryZoneIsDownNoExecuteTaintsAreRemoved() {
    Instant now = T0.plus(GRACE);
    var a = node("a", "Unknown", T0, taint(UNREACHABLE, NO_EXECUTE, T0), taint(UNREACHABLE, NO_SCHEDULE, null));
    var b = node("b", "True", T0);
    var p = NodeLifecyclePlanner.plan(now.plusSeconds(600), GRACE, List.of(a, b), List.of(pod("p", "a", false), pod("q", "b", true)));
    assertThat(p.zones()).containsEntry("", ZoneState.FULL_DISRUPTION);
    assertThat(p.actions()).noneMatch(Evict.class::isInstance);
    UpdateTaints ua = (UpdateTaints) p.actions().stream().filter(x -> x instanceof UpdateTaints u && u.node().equals("a")).findFirst().orElseThrow();
    assertThat(ua.remove()).extracting(Taint::getEffect).containsExactly(NO_EXECUTE);
    assertThat(p.actions()).contains(new MarkPodNotReady("ns", "q"));
  }

  @Test
  void zoneStateThresholds() {
    assertThat(ZoneState.of(0, 1)).isEqualTo(ZoneState.FULL_DISRUPTION);
    assertThat(ZoneState.of(0, 0)).isEqualTo(ZoneState.NORMAL);
    assertThat(ZoneState.of(1, 2)).isEqualTo(ZoneState.NORMAL);
    assertThat(ZoneState.of(3, 3)).isEqualTo(ZoneState.NORMAL);
    assertThat(ZoneState.of(2, 3)).isEqualTo(ZoneState.PARTIAL_DISRUPTION);
    assertThat(ZoneState.of(9, 11)).isEqualTo(ZoneState.PARTIAL_DISRUPTION);
  }
}
