package io.j8s.controllers.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.j8s.api.quota.Evaluator;
import io.j8s.api.quota.Quantities;
import io.j8s.api.quota.QuotaCheck;
import io.j8s.api.quota.QuotaUsage;
import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded interleavings of creates (admission: decide, store, charge under the namespace lock, as
 * the API server does), deletes, pods turning terminal, and the quota controller's recount in
 * three separate steps (read the quota, list the objects live, write the status with the read
 * resourceVersion). Checked at every step: what the objects really use never exceeds hard, and
 * status.used never counts less than that (an under-count would let a create exceed the quota);
 * at the end, one undisturbed recount makes status.used exact.
 */
class QuotaSimulationTest {
  static final Evaluator PODS = Evaluator.of("", "pods");

  /** The fake API server of one namespace with one quota. */
  static final class World {
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Map<String, Pod> pods = new LinkedHashMap<>();
    ResourceQuota quota;
    long version = 1;
    int admitted;
    int denied;
    int written;
    int conflicts;

    World(int pods, int milliCpu) {
      quota = new ResourceQuotaBuilder().withNewMetadata().withName("q").withNamespace("ns").endMetadata().withNewSpec()
          .withHard(Map.of("pods", Quantities.of(pods), "requests.cpu", new Quantity(milliCpu + "m"))).endSpec().build();
      // as the API server does at creation: status counted from the (empty) namespace
      quota.setStatus(QuotaPlanner.desired(quota, r -> List.of(), clock.now()));
    }

    Map<String, Quantity> real() {
      return QuotaUsage.used(quota, r -> r.plural().equals("pods") ? List.copyOf(pods.values()) : List.of(), clock.now());
    }

    /** The server's create: decide against the stored quota, store, then charge (one critical section). */
    void create(String name, int milliCpu) {
      Pod p = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().withNewSpec().addNewContainer()
          .withName("c").withImage("busybox").withNewResources().withRequests(Map.of("cpu", new Quantity(milliCpu + "m"))).endResources()
          .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
      switch (QuotaCheck.check(List.of(quota), PODS, p, null, clock.now())) {
        case QuotaCheck.Allowed a -> {
          pods.put(name, p);
          admitted++;
          if (a.charges().containsKey("q")) {
            quota.getStatus().setUsed(new LinkedHashMap<>(a.charges().get("q")));
            version++;
          }
        }
        case QuotaCheck.Denied d -> denied++;
        case QuotaCheck.UsageUnknown u -> throw new AssertionError("usage unknown");
      }
    }
  }

  /** One recount in progress: what it read of the quota, then what it listed. */
  static final class Recount {
    long readVersion;
    ResourceQuota read;
    List<HasMetadata> listed;
  }

  static ResourceQuota copy(ResourceQuota q) {
    return new ResourceQuotaBuilder(q).build();
  }

  static void checkInvariants(World w, String ctx) {
    Map<String, Quantity> real = w.real();
    Map<String, Quantity> hard = w.quota.getSpec().getHard();
    Map<String, Quantity> used = w.quota.getStatus().getUsed();
    for (var e : real.entrySet()) {
      assertThat(Quantities.value(e.getValue())).as(ctx + ": real " + e.getKey() + " within hard").isLessThanOrEqualTo(Quantities.value(hard.get(e.getKey())));
      assertThat(Quantities.value(used.get(e.getKey()))).as(ctx + ": used " + e.getKey() + " never below real " + real).isGreaterThanOrEqualTo(Quantities.value(e.getValue()));
    }
  }

  /**
   * @param staleList a faulty controller that lists before it reads the quota (as from a lagging cache)
   */
  static World run(long seed, boolean staleList) {
    Random rnd = new Random(seed);
    World w = new World(2 + rnd.nextInt(8), 500 + 100 * rnd.nextInt(20));
    List<Recount> recounts = new ArrayList<>();
    int names = 0;
    for (int step = 0; step < 400; step++) {
      String ctx = "seed " + seed + " step " + step;
      int r = rnd.nextInt(100);
      if (r < 35) {
        w.create("p" + names++, 100 * (1 + rnd.nextInt(4)));
      } else if (r < 47 && !w.pods.isEmpty()) {
        List<String> keys = new ArrayList<>(w.pods.keySet());
        w.pods.remove(keys.get(rnd.nextInt(keys.size())));
      } else if (r < 55 && !w.pods.isEmpty()) {
        List<Pod> all = new ArrayList<>(w.pods.values());
        all.get(rnd.nextInt(all.size())).getStatus().setPhase(rnd.nextBoolean() ? "Succeeded" : "Failed");
      } else if (r < 68) {
        Recount c = new Recount();
        if (staleList) c.listed = new ArrayList<>(w.pods.values());
        else {
          c.read = copy(w.quota);
          c.readVersion = w.version;
        }
        recounts.add(c);
      } else if (r < 82 && !recounts.isEmpty()) {
        Recount c = recounts.get(rnd.nextInt(recounts.size()));
        if (c.listed == null) c.listed = new ArrayList<>(w.pods.values());
        else if (c.read == null) {
          c.read = copy(w.quota);
          c.readVersion = w.version;
        }
      } else if (r < 95 && !recounts.isEmpty()) {
        Recount c = recounts.remove(rnd.nextInt(recounts.size()));
        if (c.read == null || c.listed == null) continue;
        var next = QuotaPlanner.plan(c.read, res -> res.plural().equals("pods") ? c.listed : List.of(), w.clock.now());
        if (next.isPresent()) {
          if (c.readVersion != w.version) w.conflicts++;
          else {
            w.quota.setStatus(next.get());
            w.version++;
            w.written++;
          }
        }
      } else {
        w.clock.advance(Duration.ofSeconds(1 + rnd.nextInt(30)));
      }
      checkInvariants(w, ctx);
    }
    // quiescence: one undisturbed recount makes used exact
    var last = QuotaPlanner.plan(w.quota, res -> res.plural().equals("pods") ? List.copyOf(w.pods.values()) : List.of(), w.clock.now());
    last.ifPresent(w.quota::setStatus);
    assertThat(Quantities.equal(QuotaCheck.mask(w.quota.getStatus().getUsed(), w.real().keySet()), w.real())).as("seed " + seed).isTrue();
    assertThat(QuotaPlanner.plan(w.quota, res -> List.copyOf(w.pods.values()), w.clock.now())).isEmpty();
    return w;
  }

  @Test
  void noInterleavingOfCreatesAndRecountsExceedsOrUnderCounts() {
    int admitted = 0;
    int denied = 0;
    int written = 0;
    int conflicts = 0;
    for (long seed = 1; seed <= 60; seed++) {
      World w = run(seed, false);
      admitted += w.admitted;
      denied += w.denied;
      written += w.written;
      conflicts += w.conflicts;
    }
    // the runs must exercise every branch: admissions, denials, recount writes and recount conflicts
    assertThat(admitted).isGreaterThan(500);
    assertThat(denied).isGreaterThan(500);
    assertThat(written).isGreaterThan(100);
    assertThat(conflicts).isGreaterThan(50);
  }

  @Test
  void aRecountFromAStaleListIsCaught() {
    boolean caught = false;
    for (long seed = 1; seed <= 60 && !caught; seed++) {
      try {
        run(seed, true);
      } catch (AssertionError e) {
        caught = e.getMessage().contains("never below real");
      }
    }
    assertThat(caught).as("the invariants detect a controller that counts from a list older than the quota it writes").isTrue();
  }

  @Test
  void desiredStatusMirrorsHardAndCountsLivePodsOnly() {
    World w = new World(5, 1000);
    w.create("a", 200);
    w.create("b", 300);
    w.pods.get("b").getStatus().setPhase("Succeeded");
    ResourceQuotaStatus s = QuotaPlanner.desired(w.quota, r -> List.copyOf(w.pods.values()), w.clock.now());
    assertThat(s.getHard()).isEqualTo(w.quota.getSpec().getHard());
    assertThat(Quantities.pretty(s.getUsed())).isEqualTo("pods=1,requests.cpu=200m");
    assertThat(QuotaPlanner.plan(w.quota, r -> List.copyOf(w.pods.values()), w.clock.now())).isPresent();
    w.quota.setStatus(s);
    assertThat(QuotaPlanner.plan(w.quota, r -> List.copyOf(w.pods.values()), w.clock.now())).isEmpty();
  }
}
