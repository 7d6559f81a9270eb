package io.j8s.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded interleavings of the EndpointSlice controller's own writes with its informer, as the
 * real controller runs them: a reconcile reads the cache, asks the {@link SliceTracker} whether
 * the cache is stale, writes to the API (one slice per service wanted, sometimes updated), and
 * records the write when the response arrives; meanwhile the informer delivers the API's events
 * (in order, with random lag, deletes also to {@link SliceTracker#gone}) and someone else
 * deletes slices. Checked at every step: the API never holds two slices of the service (what
 * planning from a stale cache would create); whenever the informer has caught up, the cache is
 * not judged stale (else the service would never sync again), and a reconcile converges.
 */
class SliceTrackerRaceTest {
  static final String KEY = "ns/web";

  /** The API's slices (uid to generation) and the event stream the informer reads. */
  static final class World {
    final Random rnd;
    final Map<String, Long> api = new LinkedHashMap<>();
    final Map<String, Long> cache = new LinkedHashMap<>();
    final Deque<String[]> events = new ArrayDeque<>(); // {"put"|"del", uid, gen}
    final SliceTracker tracker = new SliceTracker();
    int uids;

    World(long seed) { rnd = new Random(seed); }

    String create() {
      String uid = "u" + uids++;
      api.put(uid, 1L);
      events.add(new String[] {"put", uid, "1"});
      return uid;
    }

    long update(String uid) {
      long gen = api.merge(uid, 1L, Long::sum);
      events.add(new String[] {"put", uid, Long.toString(gen)});
      return gen;
    }

    void delete(String uid) {
      if (api.remove(uid) != null) events.add(new String[] {"del", uid, "0"});
    }

    void deliver(int n) {
      for (int i = 0; i < n && !events.isEmpty(); i++) {
        String[] e = events.poll();
        if (e[0].equals("put")) {
          cache.put(e[1], Long.parseLong(e[2]));
        } else {
          cache.remove(e[1]);
          tracker.gone(KEY, e[1]);
        }
      }
    }

    /** Between a write and its response: the informer may deliver, someone else may delete what was written. */
    void meanwhile(String written) {
      if (written != null && rnd.nextInt(4) == 0) delete(written);
      deliver(rnd.nextInt(4));
    }

    List<EndpointSlice> cached() {
      List<EndpointSlice> out = new ArrayList<>();
      cache.forEach((uid, gen) -> out.add(slice(uid, gen)));
      return out;
    }

    /** One reconcile: a single slice wanted; duplicates (from elsewhere) deleted; the slice sometimes updated. */
    boolean reconcile() {
      List<EndpointSlice> existing = cached();
      if (tracker.stale(KEY, existing)) return false;
      if (existing.isEmpty()) {
        String uid = create();
        meanwhile(uid);
        tracker.wrote(KEY, slice(uid, 1));
        return true;
      }
      for (EndpointSlice extra : existing.subList(1, existing.size())) {
        String uid = extra.getMetadata().getUid();
        delete(uid);
        meanwhile(null);
        tracker.deleted(KEY, extra);
      }
      String uid = existing.get(0).getMetadata().getUid();
      if (rnd.nextInt(3) == 0 && api.containsKey(uid)) {
        long gen = update(uid);
        meanwhile(uid);
        tracker.wrote(KEY, slice(uid, gen));
      }
      return true;
    }
  }

  static EndpointSlice slice(String uid, long gen) {
    return new EndpointSliceBuilder().withNewMetadata().withName(uid).withUid(uid).withGeneration(gen).endMetadata().build();
  }

  static void run(long seed, int steps) {
    World w = new World(seed);
    for (int step = 0; step < steps; step++) {
      String ctx = "seed " + seed + " step " + step;
      int r = w.rnd.nextInt(10);
      if (r < 5) w.reconcile();
      else if (r < 8) w.deliver(1 + w.rnd.nextInt(3));
      else if (!w.api.isEmpty()) w.delete(new ArrayList<>(w.api.keySet()).get(w.rnd.nextInt(w.api.size())));
      assertThat(w.api.size()).as(ctx + ": slices in the API %s", w.api).isLessThanOrEqualTo(1);
      if (w.events.isEmpty()) {
        assertThat(w.tracker.stale(KEY, w.cached())).as(ctx + ": the informer has caught up (%s), yet the cache is judged stale", w.cache)
            .isFalse();
      }
    }
    for (int i = 0; i < 20 && !(w.events.isEmpty() && w.api.size() == 1); i++) {
      w.deliver(Integer.MAX_VALUE);
      assertThat(w.reconcile()).as("seed " + seed + ": quiet cluster, a reconcile must run").isTrue();
    }
    w.deliver(Integer.MAX_VALUE);
    assertThat(w.api).as("seed " + seed + ": converged to one slice").hasSize(1);
    assertThat(w.cache).isEqualTo(w.api);
  }

  @Test
  void ownWritesRacingTheInformerNeverDuplicateNorWedgeTheService() {
    for (long seed = 1; seed <= 300; seed++) run(seed, 300);
  }

  @Test
  void aSliceDeletedAndSeenGoneBeforeItsCreateIsRecordedIsNotAwaited() {
    SliceTracker t = new SliceTracker();
    t.gone(KEY, "x"); // the informer saw the create and someone's delete before the create's response was recorded
    t.wrote(KEY, slice("x", 1));
    assertThat(t.stale(KEY, List.of())).isFalse();
    t.deleted(KEY, slice("x", 1));
    assertThat(t.stale(KEY, List.of())).isFalse();
  }
}
