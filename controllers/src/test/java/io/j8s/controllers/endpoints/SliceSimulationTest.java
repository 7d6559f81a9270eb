package io.j8s.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded runs of the slice reconciler against an in-memory API server: pods appear and
 * disappear (one at a time and in bursts), turn ready or unready, start terminating, finish,
 * are recreated with another named-port number or without the port; slices are sometimes
 * deleted behind the controller's back and publishNotReadyAddresses flips. After every single
 * reconcile: the slices hold exactly the expected endpoints, each once, with its own port, none
 * over 100, an empty slice only as the lone placeholder, writes bounded by what changed, and a
 * second reconcile writes nothing.
 */
class SliceSimulationTest {
  static final int[] PORT_CHOICES = {8080, 8080, 8080, 9090, -1};

  /** A pod in the simulated cluster; port -1 means its container lacks the named port. */
  static final class SimPod {
    final String name;
    String uid;
    String ip;
    int port;
    boolean ready;
    boolean terminating;
    String phase = "Running";
    Pod cached;

    SimPod(String name, String uid, String ip, int port, boolean ready) {
      this.name = name;
      this.uid = uid;
      this.ip = ip;
      this.port = port;
      this.ready = ready;
    }

    Pod toPod() {
      if (cached == null) cached = build();
      return cached;
    }

    private Pod build() {
      Pod p = Fixtures.pod(name, "web", ip, port < 0 ? 1 : port);
      var b = new PodBuilder(p).editMetadata().withUid(uid).endMetadata().editStatus().withPhase(phase).endStatus();
      if (port < 0) b.editSpec().editFirstContainer().editFirstPort().withName("metrics").endPort().endContainer().endSpec();
      Pod out = b.build();
      if (!ready) out = Fixtures.unready(out);
      if (terminating) out = Fixtures.terminating(out);
      return out;
    }
  }

  /** The expected endpoint per pod name, computed independently of the planner. */
  static Map<String, String> expected(List<SimPod> pods, boolean publish) {
    Map<String, String> out = new HashMap<>();
    for (SimPod p : pods) {
      if (p.port < 0 || !p.phase.equals("Running")) continue;
      boolean ready = publish || (p.ready && !p.terminating);
      out.put(p.name, p.ip + "|" + p.port + "|" + ready + "|" + p.ready + "|" + p.terminating + "|" + p.uid);
    }
    return out;
  }

  static Map<String, String> actual(List<EndpointSlice> slices, List<String> violations) {
    Map<String, String> out = new HashMap<>();
    for (EndpointSlice s : slices) {
      if (s.getEndpoints().size() > SlicePlanner.MAX_ENDPOINTS) violations.add(s.getMetadata().getName() + " holds " + s.getEndpoints().size());
      if (s.getEndpoints().isEmpty() && slices.size() > 1) violations.add("empty slice " + s.getMetadata().getName() + " beside others");
      for (var e : s.getEndpoints()) {
        var c = e.getConditions();
        int port = s.getPorts().isEmpty() ? -1 : s.getPorts().get(0).getPort();
        String v = e.getAddresses().get(0) + "|" + port + "|" + c.getReady() + "|" + c.getServing() + "|" + c.getTerminating() + "|"
            + e.getTargetRef().getUid();
        if (out.put(e.getTargetRef().getName(), v) != null) violations.add(e.getTargetRef().getName() + " in two places");
      }
    }
    return out;
  }

  static int changed(Map<String, String> before, Map<String, String> after) {
    int n = 0;
    for (var e : after.entrySet()) if (!e.getValue().equals(before.get(e.getKey()))) n++;
    for (String k : before.keySet()) if (!after.containsKey(k)) n++;
    return n;
  }

  record Figures(int steps, int writes, int maxSlicesOverMinimum, int maxEndpoints) {}

  static Figures run(long seed, int steps) {
    Random rnd = new Random(seed);
    Service svc = Fixtures.service("web", "http");
    Map<String, SimPod> pods = new LinkedHashMap<>();
    Fixtures.SliceStore store = new Fixtures.SliceStore();
    int nextPod = 0;
    int nextIp = 1;
    int totalWrites = 0;
    int worstFragmentation = 0;
    int maxEndpoints = 0;
    Map<String, String> before = Map.of();
    for (int step = 0; step < steps; step++) {
      String ctx = "seed " + seed + " step " + step;
      int lostSlices = 0;
      int r = rnd.nextInt(100);
      List<SimPod> list = new ArrayList<>(pods.values());
      SimPod any = list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
      if (any != null) any.cached = null;
      boolean hadSlices = !store.slices.isEmpty();
      if (list.size() > 500) { // keep runs fast: a burst of removals
        for (int i = 0; i < 200; i++) pods.remove(list.remove(rnd.nextInt(list.size())).name);
      } else if (r < 25 || any == null) {
        int n = rnd.nextInt(10) == 0 ? 30 + rnd.nextInt(150) : 1;
        for (int i = 0; i < n; i++) {
          String name = "p" + nextPod++;
          pods.put(name, new SimPod(name, "u" + nextPod, ip(nextIp++), PORT_CHOICES[rnd.nextInt(PORT_CHOICES.length)], rnd.nextInt(4) != 0));
        }
      } else if (r < 40) {
        int n = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(Math.max(1, list.size())) : 1;
        for (int i = 0; i < n && !list.isEmpty(); i++) pods.remove(list.remove(rnd.nextInt(list.size())).name);
      } else if (r < 60) {
        any.ready = !any.ready;
      } else if (r < 70) {
        any.terminating = true;
      } else if (r < 75) {
        any.phase = rnd.nextBoolean() ? "Succeeded" : "Failed";
      } else if (r < 85) { // recreated under the same name: new uid, maybe new address and port
        any.uid = "u" + nextPod++;
        if (rnd.nextBoolean()) any.ip = ip(nextIp++);
        any.port = PORT_CHOICES[rnd.nextInt(PORT_CHOICES.length)];
        any.terminating = false;
        any.phase = "Running";
      } else if (r < 92 && !store.slices.isEmpty()) { // someone deletes a slice
        List<String> names = new ArrayList<>(store.slices.keySet());
        store.slices.remove(names.get(rnd.nextInt(names.size())));
        lostSlices = 1;
        before = actual(store.list(), new ArrayList<>());
      } else if (r < 94) {
        svc = new ServiceBuilder(svc).editSpec().withPublishNotReadyAddresses(!Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses()))
            .endSpec().build();
      }
      boolean publish = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
      List<Pod> current = pods.values().stream().map(SimPod::toPod).toList();
      SlicePlan plan = SlicePlanner.plan(svc, current, Fixtures.nodes(), store.list());
      store.apply(plan);
      totalWrites += plan.writes();
      Map<String, String> want = expected(List.copyOf(pods.values()), publish);
      List<String> violations = new ArrayList<>();
      Map<String, String> got = actual(store.list(), violations);
      assertThat(violations).as(ctx).isEmpty();
      assertThat(got).as(ctx).isEqualTo(want);
      assertThat(store.list()).as(ctx + ": a service always has a slice").isNotEmpty();
      int churn = changed(before, want);
      assertThat(plan.writes()).as(ctx + ": writes for %d changed endpoints", churn).isLessThanOrEqualTo(churn + lostSlices + 1);
      if (churn == 0 && lostSlices == 0 && hadSlices) assertThat(plan.writes()).as(ctx + ": nothing changed").isZero();
      assertThat(SlicePlanner.plan(svc, current, Fixtures.nodes(), store.list()).isEmpty()).as(ctx + ": converged").isTrue();
      Map<Integer, Integer> perPort = new HashMap<>();
      want.values().forEach(v -> perPort.merge(Integer.parseInt(v.split("\\|")[1]), 1, Integer::sum));
      int minimum = Math.max(1, perPort.values().stream().mapToInt(n -> (n + 99) / 100).sum());
      worstFragmentation = Math.max(worstFragmentation, store.slices.size() - minimum);
      maxEndpoints = Math.max(maxEndpoints, want.size());
      before = want;
    }
    return new Figures(steps, totalWrites, worstFragmentation, maxEndpoints);
  }

  static String ip(int n) {
    return "10.42." + (n / 250) + "." + (n % 250 + 1);
  }

  @Test
  void randomHistoriesKeepSlicesExact() {
    int writes = 0;
    int worst = 0;
    int max = 0;
    for (long seed = 1; seed <= 12; seed++) {
      Figures f = run(seed, 200);
      writes += f.writes();
      worst = Math.max(worst, f.maxSlicesOverMinimum());
      max = Math.max(max, f.maxEndpoints());
    }
    System.out.printf("slice simulation: 12 seeds x 200 steps, %d slice writes, up to %d endpoints, at most %d slices over the minimum%n",
        writes, max, worst);
    assertThat(max).as("runs reach several slices").isGreaterThan(250);
  }
}
