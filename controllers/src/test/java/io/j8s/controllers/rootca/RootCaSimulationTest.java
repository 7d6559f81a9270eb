package io.j8s.controllers.rootca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the publisher's planner against a world where namespaces come, terminate
 * and go, and users delete or edit the ConfigMap (other data, extra keys, binaryData). Every event
 * enqueues its namespace, as the informers would; the queue is drained in random slices. At every
 * step: nothing is ever written into a terminating or absent namespace; once the queue is empty,
 * every active namespace holds exactly {ca.crt: bundle} and planning again changes nothing.
 */
class RootCaSimulationTest {
  static final String CA = RootCaPlannerTest.CA;

  enum NsState { ACTIVE, TERMINATING }

  record Cm(Map<String, String> data, boolean binary) {}

  @Test
  void seededChurn() {
    for (long seed = 1; seed <= 40; seed++) run(seed);
  }

  void run(long seed) {
    Random rnd = new Random(seed);
    Map<String, NsState> namespaces = new LinkedHashMap<>();
    Map<String, Cm> cms = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    int nsSeq = 0;
    for (int step = 0; step < 300; step++) {
      String at = "seed " + seed + " step " + step + ": ";
      int r = rnd.nextInt(10);
      String some = namespaces.isEmpty() ? null : namespaces.keySet().stream().skip(rnd.nextInt(namespaces.size())).findFirst().orElseThrow();
      if (r < 2 || some == null) {
        String ns = "ns" + nsSeq++;
        namespaces.put(ns, NsState.ACTIVE);
        queue.add(ns);
      } else if (r == 2) {
        namespaces.put(some, NsState.TERMINATING);
        queue.add(some);
      } else if (r == 3 && namespaces.get(some) == NsState.TERMINATING) {
        namespaces.remove(some);
        cms.remove(some);
        queue.add(some);
      } else if (r == 4) {
        if (cms.remove(some) != null) queue.add(some);
      } else if (r == 5 && cms.containsKey(some)) {
        cms.put(some, new Cm(Map.of("ca.crt", "tampered"), false));
        queue.add(some);
      } else if (r == 6 && cms.containsKey(some)) {
        Map<String, String> d = new HashMap<>(cms.get(some).data());
        d.put("extra", "x");
        cms.put(some, new Cm(d, rnd.nextBoolean()));
        queue.add(some);
      }
      int slice = rnd.nextInt(4);
      for (int i = 0; i < slice && !queue.isEmpty(); i++) reconcile(queue.poll(), namespaces, cms, at);
      if (rnd.nextInt(5) == 0) {
        while (!queue.isEmpty()) reconcile(queue.poll(), namespaces, cms, at);
        for (var e : namespaces.entrySet()) {
          if (e.getValue() != NsState.ACTIVE) continue;
          assertThat(cms.get(e.getKey())).as(at + "configmap in %s", e.getKey()).isEqualTo(new Cm(Map.of("ca.crt", CA), false));
          assertThat(plan(e.getKey(), namespaces, cms)).as(at + "settled %s", e.getKey()).isEqualTo(RootCaPlanner.NONE);
        }
      }
    }
  }

  static RootCaPlanner.Action plan(String ns, Map<String, NsState> namespaces, Map<String, Cm> cms) {
    Cm cm = cms.get(ns);
    return RootCaPlanner.plan(namespaces.get(ns) == NsState.ACTIVE, cm == null ? null : cm.data(), cm != null && cm.binary(), CA);
  }

  static void reconcile(String ns, Map<String, NsState> namespaces, Map<String, Cm> cms, String at) {
    RootCaPlanner.Action a = plan(ns, namespaces, cms);
    if (!(a instanceof RootCaPlanner.Action.None)) {
      assertThat(namespaces.get(ns)).as(at + "write into %s", ns).isEqualTo(NsState.ACTIVE);
    }
    switch (a) {
      case RootCaPlanner.Action.None n -> { }
      case RootCaPlanner.Action.Create c -> {
        assertThat(cms).as(at + "create over an existing configmap in %s", ns).doesNotContainKey(ns);
        cms.put(ns, new Cm(Map.of("ca.crt", CA), false));
      }
      case RootCaPlanner.Action.Restore r -> {
        assertThat(cms).as(at + "restore of a missing configmap in %s", ns).containsKey(ns);
        cms.put(ns, new Cm(Map.of("ca.crt", CA), false));
      }
    }
  }
}
