package io.j8s.proxy.sync;

import static io.j8s.proxy.testing.Objects.clusterIP;
import static io.j8s.proxy.testing.Objects.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import io.j8s.proxy.tracker.ProxyStateTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random Service/EndpointSlice churn through the tracker and the schedule, syncs of random
 * duration that sometimes fail, applied to a fake host that a partial sync updates only for the
 * changed Services. Checked at every step: syncs never overlap nor start closer than
 * minSyncPeriod; after a failure the next sync is full; after every successful sync the host
 * equals a full rendering of the synced state (partial syncs miss nothing); a change is applied
 * within minSyncPeriod plus one sync when no failure intervenes; and syncs happen at least every
 * syncPeriod. At the end, once churn stops, the host matches the final state.
 */
class SyncSimulationTest {
  static final Duration MIN = Duration.ofSeconds(1);
  static final Duration PERIOD = Duration.ofSeconds(30);
  static final long MAX_STEP = 300_000_000L;
  static final long MAX_SYNC = 800_000_000L;

  /** What the fake host holds per Service: its rendering (ports + endpoints as strings). */
  static Map<ServiceRef, String> render(ProxyState s) {
    Map<ServiceRef, String> out = new TreeMap<>();
    s.services().forEach((k, v) -> out.merge(k.service(), v.toString(), String::concat));
    s.endpoints().forEach((k, v) -> out.merge(k.service(), k + v.toString(), String::concat));
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void batchingNeverLosesAChange(long seed) {
    Random r = new Random(seed);
    ManualClock clock = new ManualClock();
    ProxyStateTracker tracker = new ProxyStateTracker();
    SyncSchedule schedule = new SyncSchedule(new SyncSettings(MIN, PERIOD, Duration.ofMinutes(5)));
    Map<ServiceRef, String> host = new TreeMap<>();
    Map<ServiceRef, Long> pendingSince = new HashMap<>();
    List<Long> starts = new ArrayList<>();
    boolean lastFailed = false;
    boolean failedSinceChange = false;
    tracker.markServicesSynced();
    tracker.markEndpointSlicesSynced();
    int steps = 3000;
    for (int step = 0; step < steps + 400; step++) {
      boolean churn = step < steps;
      if (churn && r.nextInt(3) == 0) {
        int i = r.nextInt(12);
        String name = "svc" + i;
        boolean changed = switch (r.nextInt(4)) {
          case 0 -> tracker.onService(clusterIP("ns", name, "10.43.0." + (i + 1), 80 + r.nextInt(2)));
          case 1 -> tracker.onServiceDeleted(clusterIP("ns", name, "10.43.0." + (i + 1), 80));
          case 2 -> tracker.onEndpointSlice(slice("ns", name, name + "-a", 8080, "n", r.nextBoolean()
              ? List.of("10.42.0." + r.nextInt(4)) : List.of("10.42.0.1", "10.42.0." + (5 + r.nextInt(3)))));
          default -> tracker.onEndpointSliceDeleted(slice("ns", name, name + "-a", 8080, "n", List.of()));
        };
        if (changed) {
          schedule.trigger();
          pendingSince.putIfAbsent(new ServiceRef("ns", name), clock.nanoTime());
        }
      }
      clock.advance(Duration.ofNanos(1 + (long) (r.nextDouble() * MAX_STEP)));
      long now = clock.nanoTime();
      Optional<SyncKind> kind = schedule.poll(now);
      if (kind.isPresent()) {
        if (!starts.isEmpty()) {
          long gap = now - starts.get(starts.size() - 1);
          assertThat(gap).as("seed %d: syncs at least minSyncPeriod apart", seed).isGreaterThanOrEqualTo(MIN.toNanos());
          assertThat(gap).as("seed %d: a sync at least every syncPeriod", seed)
              .isLessThanOrEqualTo(PERIOD.toNanos() + MAX_STEP + MAX_SYNC);
        }
        if (lastFailed) assertThat(kind.get()).as("seed %d: after a failure the next sync is full", seed).isEqualTo(SyncKind.FULL);
        starts.add(now);
        ProxyStateTracker.Snapshot snap = tracker.snapshot();
        Map<ServiceRef, Long> covered = new HashMap<>(pendingSince);
        clock.advance(Duration.ofNanos((long) (r.nextDouble() * MAX_SYNC)));
        boolean ok = r.nextInt(10) != 0;
        if (ok) {
          Map<ServiceRef, String> want = render(snap.state());
          if (kind.get() == SyncKind.FULL) {
            host.clear();
            host.putAll(want);
          } else {
            for (ServiceRef ref : snap.changed()) {
              if (want.containsKey(ref)) host.put(ref, want.get(ref));
              else host.remove(ref);
            }
          }
          assertThat(host).as("seed %d: host matches the synced state", seed).isEqualTo(want);
          for (Map.Entry<ServiceRef, Long> e : covered.entrySet()) {
            if (!failedSinceChange) {
              assertThat(now - e.getValue()).as("seed %d: change applied within minSyncPeriod + one sync", seed)
                  .isLessThanOrEqualTo(MIN.toNanos() + MAX_STEP + MAX_SYNC);
            }
            pendingSince.remove(e.getKey(), e.getValue());
          }
          failedSinceChange = false;
        } else {
          failedSinceChange = true;
        }
        lastFailed = !ok;
        schedule.finished(clock.nanoTime(), kind.get(), ok);
      }
    }
    assertThat(schedule.pending()).as("seed %d: quiet at the end", seed).isFalse();
    assertThat(host).as("seed %d: the host converged", seed).isEqualTo(render(tracker.snapshot().state()));
  }
}
