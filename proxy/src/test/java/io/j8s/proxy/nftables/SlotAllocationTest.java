package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.proxy.nftables.SlotAllocation.Block;
import io.j8s.proxy.nftables.SlotAllocation.Path;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotAllocationTest {
  static Path path(int svc, String port, boolean local) {
    return new Path(ServicePortName.of("ns", "s" + svc, port, "TCP"), local);
  }

  @Test void capacitiesArePowersOfTwo() {
    assertThat(SlotAllocation.capacityFor(1)).isEqualTo(1);
    assertThat(SlotAllocation.capacityFor(2)).isEqualTo(2);
    assertThat(SlotAllocation.capacityFor(3)).isEqualTo(4);
    assertThat(SlotAllocation.capacityFor(10)).isEqualTo(16);
    assertThat(SlotAllocation.capacityFor(16)).isEqualTo(16);
    assertThat(SlotAllocation.capacityFor(17)).isEqualTo(32);
  }

  @Test void aPathKeepsItsBlockWhileItFitsAndMovesWhenItGrows() {
    Path p = path(1, "a", false);
    SlotAllocation a = SlotAllocation.EMPTY.update(null, Map.of(p, 3));
    Block b = a.of(p);
    assertThat(b.capacity()).isEqualTo(4);
    assertThat(b.map()).isEqualTo("endpoints-" + b.shard());
    assertThat(SlotAllocation.mapName(7, "udp")).isEqualTo("endpoints-udp-7");
    assertThat(a.update(null, Map.of(p, 4)).of(p)).isEqualTo(b);
    assertThat(a.update(null, Map.of(p, 1)).of(p)).as("shrinking keeps the block").isEqualTo(b);
    assertThat(a.update(null, Map.of(p, 5)).of(p).capacity()).isEqualTo(8);
    assertThat(a.update(null, Map.of()).blocks()).isEmpty();
    assertThat(a.update(Set.of(new ServiceRef("ns", "other")), Map.of()).of(p)).as("outside the scope").isEqualTo(b);
    assertThatThrownBy(() -> a.update(Set.of(new ServiceRef("ns", "other")), Map.of(p, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(SlotAllocation.EMPTY.blocks()).as("values are immutable").isEmpty();
  }

  @Test void freedSlotsAreReused() {
    Map<Path, Integer> demand = new HashMap<>();
    for (int i = 0; i < 500; i++) demand.put(path(i, "a", false), 10);
    SlotAllocation a = SlotAllocation.EMPTY.update(null, demand);
    int max = a.blocks().values().stream().mapToInt(Block::end).max().orElseThrow();
    Map<Path, Integer> moved = new HashMap<>();
    for (int i = 500; i < 1000; i++) moved.put(path(i, "a", false), 10);
    SlotAllocation b = a.update(null, moved);
    assertThat(b.blocks().values().stream().mapToInt(Block::end).max().orElseThrow()).isLessThanOrEqualTo(max + 16 * 8);
  }

  /**
   * Seeded random demand changes of a few Services at a time (the partial syncs) and now and then
   * of all (the full syncs). At every step: every demanded path has a block of its shard holding
   * its endpoints, aligned to its power-of-two capacity; no two blocks of a shard overlap; paths
   * of Services outside the step's scope keep their blocks, and so do changed paths that still fit.
   */
  @ParameterizedTest @ValueSource(longs = {1, 7, 42, 2026})
  void simulation(long seed) {
    Random rnd = new Random(seed);
    Map<Path, Integer> want = new TreeMap<>();
    SlotAllocation a = SlotAllocation.EMPTY;
    for (int step = 0; step < 2000; step++) {
      boolean full = rnd.nextInt(50) == 0;
      Set<ServiceRef> scope = new HashSet<>();
      for (int k = rnd.nextInt(4) + 1; k > 0; k--) {
        int s = rnd.nextInt(300);
        scope.add(new ServiceRef("ns", "s" + s));
        for (String port : new String[] {"a", "b"}) {
          for (boolean local : new boolean[] {false, true}) {
            Path p = path(s, port, local);
            int r = rnd.nextInt(6);
            if (r == 0 || (local && r < 4)) want.remove(p);
            else want.put(p, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 40));
          }
        }
      }
      Map<Path, Integer> demand = new HashMap<>();
      want.forEach((p, n) -> {
        if (full || scope.contains(p.port().service())) demand.put(p, n);
      });
      SlotAllocation next = a.update(full ? null : scope, demand);
      for (Map.Entry<Path, Block> e : a.blocks().entrySet()) {
        Path p = e.getKey();
        boolean inScope = full || scope.contains(p.port().service());
        if (!inScope || (want.containsKey(p) && want.get(p) <= e.getValue().capacity())) {
          assertThat(next.of(p)).as("step %d: %s keeps its block", step, p).isEqualTo(e.getValue());
        }
      }
      assertThat(next.blocks().keySet()).as("step %d", step).isEqualTo(want.keySet());
      Map<Integer, TreeMap<Integer, Block>> byShard = new HashMap<>();
      for (Map.Entry<Path, Block> e : next.blocks().entrySet()) {
        Block b = e.getValue();
        assertThat(b.shard()).isEqualTo(e.getKey().shard()).isBetween(0, SlotAllocation.SHARDS - 1);
        assertThat(b.capacity()).isGreaterThanOrEqualTo(want.get(e.getKey()));
        assertThat(Integer.bitCount(b.capacity())).isEqualTo(1);
        assertThat(b.base() % b.capacity()).isZero();
        assertThat(byShard.computeIfAbsent(b.shard(), k -> new TreeMap<>()).put(b.base(), b)).isNull();
      }
      byShard.values().forEach(blocks -> {
        int end = 0;
        for (Block b : blocks.values()) {
          assertThat(b.base()).as("blocks of a shard do not overlap").isGreaterThanOrEqualTo(end);
          end = b.end();
        }
      });
      a = next;
    }
  }
}
