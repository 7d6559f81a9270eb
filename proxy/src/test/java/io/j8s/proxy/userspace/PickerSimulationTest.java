package io.j8s.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.proxy.state.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded simulation of one listener's picker: clients connect at random times, endpoints come
 * and go, some connects fail and are retried, affinity is on or off. Invariants at every step: a
 * pick is always a current endpoint and never one this connection saw fail; with affinity a
 * client whose endpoint is still there, has not failed and was used within the timeout gets it
 * again; without affinity, between endpoint changes, the picks of any window of the endpoint
 * count cover every endpoint once (exact round-robin); and overall the spread is even.
 */
class PickerSimulationTest {
  record Last(Endpoint endpoint, long atNanos) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
  void invariantsHold(long seed) {
    Random rnd = new Random(seed);
    ManualClock clock = new ManualClock();
    EndpointPicker picker = new EndpointPicker(clock);
    List<Endpoint> pool = new ArrayList<>();
    for (int i = 1; i <= 6; i++) pool.add(Endpoint.ready("10.2.0." + i, 80, "n"));
    List<Endpoint> current = new ArrayList<>(pool.subList(0, 3));
    int affinity = rnd.nextBoolean() ? 30 : 0;
    picker.update(current, affinity);
    Map<String, Last> last = new HashMap<>();
    Map<Endpoint, Integer> epoch = new TreeMap<>();
    int[] retries = {0};
    List<Endpoint> window = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      clock.advance(Duration.ofMillis(rnd.nextInt(500)));
      int r = rnd.nextInt(1000);
      if (r < 5) {
        // an endpoint comes or goes (never below one)
        List<Endpoint> next = new ArrayList<>(current);
        if (next.size() > 1 && rnd.nextBoolean()) next.remove(rnd.nextInt(next.size()));
        else pool.stream().filter(e -> !next.contains(e)).findFirst().ifPresent(next::add);
        next.sort(null);
        picker.update(next, affinity);
        Set<Endpoint> gone = new HashSet<>(current);
        gone.removeAll(next);
        last.values().removeIf(l -> gone.contains(l.endpoint()));
        if (affinity == 0) checkEven(epoch, current, retries[0], step);
        epoch.clear();
        retries[0] = 0;
        current = next;
        window.clear();
        continue;
      }
      String client = "192.168.0." + rnd.nextInt(20);
      Set<Endpoint> failed = new HashSet<>();
      if (rnd.nextInt(10) == 0) failed.add(current.get(rnd.nextInt(current.size())));
      Endpoint e = picker.pick(client, failed).orElse(null);
      if (failed.containsAll(current)) {
        assertThat(e).isNull();
        continue;
      }
      assertThat(e).as("step %d", step).isNotNull().isIn(current).isNotIn(failed);
      Last prev = last.get(client);
      if (affinity > 0 && prev != null && !failed.contains(prev.endpoint())
          && clock.nanoTime() - prev.atNanos() < affinity * 1_000_000_000L) {
        assertThat(e).as("client %s pinned at step %d", client, step).isEqualTo(prev.endpoint());
      }
      last.put(client, new Last(e, clock.nanoTime()));
      epoch.merge(e, 1, Integer::sum);
      if (!failed.isEmpty()) retries[0]++;
      if (affinity == 0 && failed.isEmpty()) {
        window.add(e);
        if (window.size() == current.size()) {
          assertThat(new HashSet<>(window)).as("round-robin window at step %d", step).hasSize(current.size());
          window.clear();
        }
      } else {
        window.clear(); // a retry or a sticky pick moves the rotation by other than one
      }
    }
    if (affinity == 0) checkEven(epoch, current, retries[0], -1);
  }

  /** Between endpoint changes round-robin is even: counts differ by at most one plus one per retry (which skips a turn). */
  static void checkEven(Map<Endpoint, Integer> epoch, List<Endpoint> current, int retries, int step) {
    int total = epoch.values().stream().mapToInt(Integer::intValue).sum();
    if (total < current.size()) return;
    int max = current.stream().mapToInt(e -> epoch.getOrDefault(e, 0)).max().orElse(0);
    int min = current.stream().mapToInt(e -> epoch.getOrDefault(e, 0)).min().orElse(0);
    assertThat(max - min).as("spread %s with %d retries before step %d", epoch, retries, step).isLessThanOrEqualTo(retries + 1);
  }
}
