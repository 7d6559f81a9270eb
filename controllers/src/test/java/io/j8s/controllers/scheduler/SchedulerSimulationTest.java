package io.j8s.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.controllers.scheduler.SchedulerEngine.Attempt;
import io.j8s.controllers.scheduler.SchedulerEngine.Event;
import io.j8s.controllers.scheduler.SimWorld.SimNode;
import io.j8s.controllers.scheduler.SimWorld.SimPod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the whole engine (queue, cache, assumed pods, algorithm) against a fake
 * API: random nodes and pods, node additions and removals, pod deletions, bindings that complete
 * late, fail, or go unanswered past the engine's (here 20 s) bind timeout, after which the engine
 * must have let go of them; informer events are delivered at once. Checked at every step against {@link
 * SimWorld}'s own oracle: each placement obeys every filter when decided, no node is ever
 * over-committed, anti-affinity never broken; after the cluster quiesces, every pod still
 * pending fits nowhere. The same seed gives the same placements.
 */
class SchedulerSimulationTest {
  static final List<String> ZONES = List.of("a", "b", "c");
  static final Duration BIND_TIMEOUT = Duration.ofSeconds(20);

  static final class Run {
    final Random rnd;
    final ManualClock clock = new ManualClock();
    final SchedulerEngine engine;
    final SimWorld world = new SimWorld();
    final Map<String, SimPod> pods = new LinkedHashMap<>();
    final Map<String, String> bound = new LinkedHashMap<>();
    final List<String[]> inFlight = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final List<io.fabric8.kubernetes.api.model.Pod> lateInformer = new ArrayList<>();
    int nodeSeq, podSeq, expired;

    Run(long seed) {
      rnd = new Random(seed);
      engine = new SchedulerEngine(clock, seed, BIND_TIMEOUT);
    }

    void addNode() {
      String taint = switch (rnd.nextInt(6)) {
        case 0 -> "NoSchedule";
        case 1 -> "PreferNoSchedule";
        default -> null;
      };
      SimNode n = new SimNode("node-" + nodeSeq++, 1000L * (1 + rnd.nextInt(8)), 1024L * (1 + rnd.nextInt(16)), 3 + rnd.nextInt(12),
          ZONES.get(rnd.nextInt(ZONES.size())), taint);
      world.nodes.put(n.name(), n);
      engine.post(new Event.NodeUpsert(n.toNode()));
    }

    void removeNode() {
      if (world.nodes.isEmpty()) return;
      String name = new ArrayList<>(world.nodes.keySet()).get(rnd.nextInt(world.nodes.size()));
      for (var e : new ArrayList<>(bound.entrySet())) if (e.getValue().equals(name)) deletePod(e.getKey());
      world.nodes.remove(name);
      engine.post(new Event.NodeDelete(name));
    }

    void addPod() {
      String app = "app-" + rnd.nextInt(5);
      boolean sel = rnd.nextInt(8) == 0, in = rnd.nextInt(8) == 0;
      SimPod p = new SimPod("pod-" + podSeq++, app, 100L * (1 + rnd.nextInt(15)), 128L * (1 + rnd.nextInt(16)),
          sel ? ZONES.get(rnd.nextInt(3)) : null, in ? new java.util.TreeSet<>(List.of(ZONES.get(rnd.nextInt(3)), ZONES.get(rnd.nextInt(3)))) : null,
          rnd.nextInt(3) == 0, rnd.nextInt(6) == 0 ? 8000 + rnd.nextInt(3) : 0,
          rnd.nextInt(6) == 0 ? (rnd.nextBoolean() ? SimWorld.HOST : SimWorld.ZONE) : null,
          rnd.nextInt(10) == 0 ? "app-" + rnd.nextInt(5) : null,
          rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? SimWorld.HOST : SimWorld.ZONE) : null, 1 + rnd.nextInt(2));
      pods.put(p.name(), p);
      engine.post(new Event.PodUpsert(p.toPod()));
    }

    void deletePod(String name) {
      SimPod p = pods.remove(name);
      if (p == null) return;
      String node = bound.remove(name);
      if (node != null) world.placed.get(node).remove(p);
      engine.post(new Event.PodDelete(p.toPod()));
    }

    /** One scheduling cycle; a placement is checked against the oracle when decided. */
    boolean cycle() {
      expireUnanswered();
      Attempt a = engine.scheduleOne();
      switch (a) {
        case Attempt.Idle i -> { return false; }
        case Attempt.Failed f -> { return true; }
        case Attempt.Assumed s -> {
          SimPod p = pods.get(s.pod().name());
          SimNode n = world.nodes.get(s.node());
          assertThat(p).as("scheduled a pod that no longer exists").isNotNull();
          assertThat(n).as("scheduled onto a node that no longer exists").isNotNull();
          assertThat(world.violation(p, n)).as("placing %s on %s at %s", p, n, clock.now()).isNull();
          world.placed.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(p);
          bound.put(p.name(), n.name());
          inFlight.add(new String[] {p.name(), n.name(), Long.toString(s.attempt()), Long.toString(clock.nanoTime())});
          log.add(p.name() + "->" + n.name());
          return true;
        }
      }
    }

    /** Completes the oldest in-flight binding: the API accepts it unless pod or node is gone, or it fails at random. */
    void completeBind(boolean mayFail) {
      if (inFlight.isEmpty()) return;
      String[] b = inFlight.remove(rnd.nextInt(inFlight.size()));
      SimPod p = pods.get(b[0]);
      boolean ok = p != null && world.nodes.containsKey(b[1]) && b[1].equals(bound.get(b[0])) && !(mayFail && rnd.nextInt(20) == 0);
      if (ok) {
        var pod = p.toPod();
        pod.getSpec().setNodeName(b[1]);
        engine.post(new Event.Bound("sim/" + b[0], Long.parseLong(b[2])));
        if (rnd.nextInt(4) != 0) engine.post(new Event.PodUpsert(pod));
        else lateInformer.add(pod); // accepted, the informer lags: must not expire
      } else {
        if (p != null && b[1].equals(bound.get(b[0]))) {
          bound.remove(b[0]);
          world.placed.get(b[1]).remove(p);
        }
        engine.post(new Event.BindFailed("sim/" + b[0], Long.parseLong(b[2])));
      }
    }

    /**
     * Bindings unanswered for the bind timeout: the engine drops them at its next cycle, so the
     * simulated API never answers them and the oracle takes them off their node. Whether the
     * engine really let go is checked by the oracle from then on (the room must be reusable, and
     * after quiescing no pending pod may fit).
     */
    void expireUnanswered() {
      for (var it = inFlight.iterator(); it.hasNext(); ) {
        String[] b = it.next();
        if (clock.nanoTime() - Long.parseLong(b[3]) < BIND_TIMEOUT.toNanos()) continue;
        it.remove();
        expired++;
        SimPod p = pods.get(b[0]);
        if (p != null && b[1].equals(bound.get(b[0]))) {
          bound.remove(b[0]);
          world.placed.get(b[1]).remove(p);
        }
      }
    }

    void deliverLate() {
      for (var pod : lateInformer) {
        if (pods.containsKey(pod.getMetadata().getName())) engine.post(new Event.PodUpsert(pod));
      }
      lateInformer.clear();
    }

    void step() {
      switch (rnd.nextInt(20)) {
        case 0, 1 -> addNode();
        case 2 -> removeNode();
        case 3, 4 -> {
          if (!pods.isEmpty()) deletePod(new ArrayList<>(pods.keySet()).get(rnd.nextInt(pods.size())));
        }
        case 5, 6, 7, 8, 9, 10 -> addPod();
        case 11, 12, 13 -> completeBind(true);
        case 15 -> deliverLate();
        case 14 -> clock.advance(Duration.ofMillis(rnd.nextInt(3000)));
        default -> {
          for (int i = rnd.nextInt(5); i >= 0; i--) cycle();
        }
      }
      assertThat(world.globalViolations()).isEmpty();
    }

    void quiesce() {
      for (int round = 0; round < 120; round++) {
        deliverLate();
        while (!inFlight.isEmpty()) completeBind(false);
        while (cycle()) {
          while (!inFlight.isEmpty()) completeBind(false);
        }
        clock.advance(Duration.ofSeconds(1));
      }
      assertThat(inFlight).isEmpty();
      assertThat(world.globalViolations()).isEmpty();
      for (SimPod p : pods.values()) {
        if (bound.containsKey(p.name())) continue;
        assertThat(world.fitsSomewhere(p)).as("%s is pending but fits a node", p).isFalse();
      }
    }

    List<String> run(int steps) {
      for (int i = 0; i < 4; i++) addNode();
      for (int i = 0; i < steps; i++) step();
      quiesce();
      return log;
    }
  }

  @Test void invariantsHoldForManySeeds() {
    int placed = 0;
    int expired = 0;
    for (long seed = 1; seed <= 15; seed++) {
      Run r = new Run(seed);
      try {
        placed += r.run(500).size();
        expired += r.expired;
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    assertThat(placed).as("the simulation must place pods").isGreaterThan(600);
    assertThat(expired).as("some bindings must go unanswered past the timeout").isGreaterThan(5);
  }

  @Test void theSameSeedGivesTheSamePlacements() {
    assertThat(new Run(7).run(400)).isEqualTo(new Run(7).run(400));
  }
}
