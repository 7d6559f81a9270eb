package io.j8s.controllers.nodelifecycle;

import static io.j8s.controllers.placement.TaintMatch.NOT_READY;
import static io.j8s.controllers.placement.TaintMatch.NO_EXECUTE;
import static io.j8s.controllers.placement.TaintMatch.NO_SCHEDULE;
import static io.j8s.controllers.placement.TaintMatch.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.j8s.base.time.ManualClock;
import io.j8s.controllers.placement.TaintMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation: kubelets on 12 nodes in 3 zones renew leases every 10 s, stop and resume at
 * random and sometimes report NotReady; pods with random tolerations come and go. The planner
 * runs every simulated second with the real heartbeat tracker, its actions applied to an
 * in-memory API; invariants are checked against the ground truth at every step.
 */
class NodeLifecycleSimulationTest {
  static final Duration GRACE = Duration.ofSeconds(50);

  static final class SimNode {
    final String name;
    final String zone;
    boolean alive = true;
    String reports = "True"; // what the kubelet reports while alive
    String ready = "True"; // the Ready condition in the API
    int heartbeat;
    int renew;
    Instant lastBeat;
    final List<Taint> taints = new ArrayList<>();

    SimNode(String name, String zone, Instant now) {
      this.name = name;
      this.zone = zone;
      this.lastBeat = now;
    }

    boolean has(String key, String effect) {
      return taints.stream().anyMatch(t -> t.getKey().equals(key) && t.getEffect().equals(effect));
    }

    Optional<Taint> get(String key, String effect) {
      return taints.stream().filter(t -> t.getKey().equals(key) && t.getEffect().equals(effect)).findFirst();
    }
  }

  record SimPod(String name, String node, List<Toleration> tolerations) {}

  @Test
  void seededNodeFailures() {
    int evictions = 0;
    for (long seed = 1; seed <= 6; seed++) evictions += run(seed, 2500);
    assertThat(evictions).as("the simulation exercises evictions").isGreaterThan(100);
  }

  int run(long seed, int steps) {
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock();
    HeartbeatTracker tracker = new HeartbeatTracker();
    Map<String, SimNode> nodes = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) nodes.put("n" + i, new SimNode("n" + i, "z" + (i % 3), clock.now()));
    for (SimNode n : nodes.values()) tracker.observe(n.name, "h0", "r0", clock.now()); // the controller starts with the nodes
    Map<String, SimPod> pods = new LinkedHashMap<>();
    Set<String> notReadyPods = new HashSet<>();
    int podSeq = 0;
    int evictions = 0;
    for (int step = 0; step < steps; step++) {
      clock.advance(Duration.ofSeconds(1));
      Instant now = clock.now();
      String at = "seed " + seed + " step " + step + " (" + now + "): ";
      // The world moves: kubelets stop, resume, flip readiness, renew leases, post status.
      for (SimNode n : nodes.values()) {
        if (n.alive && rnd.nextInt(400) == 0) n.alive = false;
        else if (!n.alive && rnd.nextInt(150) == 0) {
          n.alive = true;
          n.renew++;
          n.lastBeat = now;
        }
        if (!n.alive) continue;
        if (rnd.nextInt(500) == 0) n.reports = n.reports.equals("True") ? "False" : "True";
        if (step % 10 == n.name.hashCode() % 10) {
          n.renew++;
          n.lastBeat = now;
        }
        if (!n.ready.equals(n.reports)) {
          n.ready = n.reports;
          n.heartbeat++;
          n.lastBeat = now;
        }
      }
      if (rnd.nextInt(3) == 0) {
        String name = "p" + podSeq++;
        pods.put(name, new SimPod(name, "n" + rnd.nextInt(nodes.size()), randomTolerations(rnd)));
      }
      if (rnd.nextInt(20) == 0 && !pods.isEmpty()) pods.remove(pods.keySet().iterator().next()); // a user deletes one

      // One controller pass.
      List<NodeView> views = new ArrayList<>();
      for (SimNode n : nodes.values()) {
        Instant probe = tracker.observe(n.name, "h" + n.heartbeat, "r" + n.renew, now);
        views.add(new NodeView(n.name, n.zone, n.ready, n.taints, probe));
      }
      tracker.retain(nodes.keySet());
      List<PodView> podViews = new ArrayList<>();
      for (SimPod p : pods.values()) {
        SimNode n = nodes.get(p.node());
        boolean ready = n.alive && n.reports.equals("True") && !notReadyPods.contains(p.name());
        podViews.add(new PodView("ns", p.name(), p.node(), ready, false, p.tolerations()));
      }
      var plan = NodeLifecyclePlanner.plan(now, GRACE, views, podViews);
      for (LifecycleAction a : plan.actions()) {
        switch (a) {
          case LifecycleAction.MarkUnknown m -> {
            SimNode n = nodes.get(m.node());
            assertThat(Duration.between(n.lastBeat, now)).as(at + "%s marked Unknown early", n.name).isGreaterThanOrEqualTo(GRACE);
            n.ready = "Unknown";
          }
          case LifecycleAction.UpdateTaints u -> {
            SimNode n = nodes.get(u.node());
            for (Taint r : u.remove()) n.taints.removeIf(t -> t.getKey().equals(r.getKey()) && t.getEffect().equals(r.getEffect()));
            n.taints.addAll(u.add());
          }
          case LifecycleAction.MarkPodNotReady p -> {
            assertThat(nodes.get(pods.get(p.name()).node()).ready).as(at + "pod %s marked not ready", p.name()).isEqualTo("Unknown");
            notReadyPods.add(p.name());
          }
          case LifecycleAction.Evict e -> {
            SimPod p = pods.get(e.name());
            SimNode n = nodes.get(p.node());
            checkEvictionDue(at, now, p, n);
            pods.remove(e.name());
            evictions++;
          }
        }
      }
      checkState(at, now, nodes, pods);
    }
    return evictions;
  }

  /** No pod goes before its toleration of a NoExecute taint its node really deserves has run out. */
  static void checkEvictionDue(String at, Instant now, SimPod p, SimNode n) {
    boolean due = false;
    for (Taint t : n.taints) {
      if (!t.getEffect().equals(NO_EXECUTE)) continue;
      Instant deserved = switch (t.getKey()) {
        case UNREACHABLE -> n.alive ? null : n.lastBeat.plus(GRACE);
        case NOT_READY -> n.ready.equals("False") ? Instant.parse(t.getTimeAdded()) : null;
        default -> null;
      };
      assertThat(deserved).as(at + "%s on healthy %s", t.getKey(), n.name).isNotNull();
      if (!TaintMatch.toleratedBy(p.tolerations(), t)) due = true;
      else {
        Optional<Long> secs = TaintMatch.tolerationSeconds(p.tolerations(), t);
        Instant added = Instant.parse(t.getTimeAdded());
        if (secs.isPresent() && !now.isBefore(added.plusSeconds(secs.get()))) {
          assertThat(now).as(at + "%s evicted before its toleration ended", p.name()).isAfterOrEqualTo(deserved.plusSeconds(secs.get()));
          due = true;
        }
      }
    }
    assertThat(due).as(at + "%s evicted from %s with taints %s", p.name(), n.name, n.taints).isTrue();
  }

  static void checkState(String at, Instant now, Map<String, SimNode> nodes, Map<String, SimPod> pods) {
    Map<String, int[]> counts = new HashMap<>();
    for (SimNode n : nodes.values()) counts.computeIfAbsent(n.zone, z -> new int[2])[n.ready.equals("True") ? 0 : 1]++;
    Map<String, ZoneState> zones = new HashMap<>();
    counts.forEach((z, c) -> zones.put(z, ZoneState.of(c[0], c[1])));
    boolean allDown = zones.values().stream().allMatch(z -> z == ZoneState.FULL_DISRUPTION);
    for (SimNode n : nodes.values()) {
      String s = at + n.name + " (" + n.ready + ", alive " + n.alive + ", taints " + n.taints + ")";
      if (!n.alive && !now.isBefore(n.lastBeat.plus(GRACE))) assertThat(n.ready).as(s).isEqualTo("Unknown");
      if (n.alive) assertThat(n.ready).as(s).isEqualTo(n.reports);
      assertThat(n.has(NOT_READY, NO_SCHEDULE)).as(s).isEqualTo(n.ready.equals("False"));
      assertThat(n.has(UNREACHABLE, NO_SCHEDULE)).as(s).isEqualTo(n.ready.equals("Unknown"));
      if (n.ready.equals("True")) assertThat(n.has(NOT_READY, NO_EXECUTE) || n.has(UNREACHABLE, NO_EXECUTE)).as(s).isFalse();
      if (n.ready.equals("False")) assertThat(n.has(UNREACHABLE, NO_EXECUTE)).as(s).isFalse();
      if (n.ready.equals("Unknown")) assertThat(n.has(NOT_READY, NO_EXECUTE)).as(s).isFalse();
      String want = n.ready.equals("False") ? NOT_READY : n.ready.equals("Unknown") ? UNREACHABLE : null;
      if (want != null && allDown) assertThat(n.has(want, NO_EXECUTE)).as(s + " all zones down").isFalse();
      if (want != null && !allDown && zones.get(n.zone) != ZoneState.PARTIAL_DISRUPTION) {
        assertThat(n.has(want, NO_EXECUTE)).as(s + " zone " + zones.get(n.zone)).isTrue();
      }
    }
    // Every pod whose toleration of a NoExecute taint on its node has run out is gone (checked right after the pass).
    for (SimPod p : pods.values()) {
      SimNode n = nodes.get(p.node());
      for (Taint t : n.taints) {
        if (!t.getEffect().equals(NO_EXECUTE)) continue;
        Optional<Long> secs = TaintMatch.toleratedBy(p.tolerations(), t) ? TaintMatch.tolerationSeconds(p.tolerations(), t) : Optional.of(0L);
        if (secs.isPresent()) {
          assertThat(now).as(at + "%s still on %s past its toleration of %s", p.name(), n.name, t)
              .isBefore(Instant.parse(t.getTimeAdded()).plusSeconds(secs.get()));
        }
      }
    }
  }

  static List<Toleration> randomTolerations(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> List.of();
      case 1 -> List.of(new Toleration(null, null, "Exists", null, null)); // tolerates everything forever
      case 2 -> List.of(new Toleration(NO_EXECUTE, UNREACHABLE, "Exists", null, null));
      default -> {
        long s = rnd.nextInt(121);
        yield List.of(new Toleration(NO_EXECUTE, UNREACHABLE, "Exists", s, null), new Toleration(NO_EXECUTE, NOT_READY, "Exists", s, null));
      }
    };
  }
}
