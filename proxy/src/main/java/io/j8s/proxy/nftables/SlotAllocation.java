package io.j8s.proxy.nftables;

import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which slots of the shared endpoint maps each Service path owns. A path (a service port's Cluster
 * or Local endpoint list) owns a block {@code [base, base + capacity)} of one shard map
 * {@code endpoints-S}; its chain DNATs through {@code numgen random mod N offset base map
 * @endpoints-S} with elements {@code base + i : ip . port}. The shard is a fixed function of the
 * path (a hash over {@link #SHARDS} maps: the kernel checks every element added to a map against
 * every rule bound to it, so one map for all Services is quadratic), capacities are powers of two,
 * blocks are aligned to their capacity and never overlap within a shard.
 *
 * <p>Stable: {@link #update} keeps every block of a Service outside the changed ones, and a
 * changed path keeps its block while its endpoints fit, so an incremental sync never renumbers
 * another Service. An immutable value: the renderer takes the previous allocation and returns the
 * next (only the touched shards are copied).
 */
public final class SlotAllocation {
  /** Number of shard maps {@code endpoints-0 .. endpoints-63}. */
  public static final int SHARDS = 64;
  public static final SlotAllocation EMPTY = new SlotAllocation(new TreeMap<>(), emptyShards());

  /** A service port's Cluster ({@code local == false}) or Local endpoint list. */
  public record Path(ServicePortName port, boolean local) implements Comparable<Path> {
    int shard() {
      String k = port.service() + "/" + port.port() + "/" + port.protocol() + (local ? "/local" : "/cluster");
      return Integer.remainderUnsigned((k.hashCode() * 0x9E3779B1) >>> 8, SHARDS);
    }

    @Override public int compareTo(Path o) {
      int c = port.compareTo(o.port);
      return c != 0 ? c : Boolean.compare(local, o.local);
    }
  }

  /** Slots {@code [base, base + capacity)} of shard {@code shard}, in that shard's map for the path's protocol ({@link #mapName}). */
  public record Block(int shard, int base, int capacity, String protocol) {
    public String map() {
      return mapName(shard, protocol);
    }

    int end() {
      return base + capacity;
    }
  }

  /** Sorted by Service first, so a partial update finds its Services' paths without a scan of all. */
  private final TreeMap<Path, Block> blocks;
  /** Per shard: base to block. */
  private final TreeMap<Integer, Block>[] shards;

  private SlotAllocation(TreeMap<Path, Block> blocks, TreeMap<Integer, Block>[] shards) {
    this.blocks = blocks;
    this.shards = shards;
  }

  @SuppressWarnings("unchecked")
  private static TreeMap<Integer, Block>[] emptyShards() {
    TreeMap<Integer, Block>[] s = new TreeMap[SHARDS];
    for (int i = 0; i < SHARDS; i++) s[i] = new TreeMap<>();
    return s;
  }

  public Block of(Path p) {
    return blocks.get(p);
  }

  public Map<Path, Block> blocks() {
    return Collections.unmodifiableMap(blocks);
  }

  /** The protocols with maps of their own: a map's port type names its protocol, and nft refuses a rule of another through it. */
  public static final List<String> PROTOCOLS = List.of("tcp", "udp", "sctp");

  /**
   * Shard {@code shard}'s map for {@code protocol} (lower case): {@code endpoints-S} for TCP,
   * {@code endpoints-udp-S} and {@code endpoints-sctp-S} for the others. A shard's slots are
   * allocated across its protocols' maps together (a block is in one of them; the others have a hole).
   */
  public static String mapName(int shard, String protocol) {
    return protocol.equals("tcp") ? "endpoints-" + shard : "endpoints-" + protocol + "-" + shard;
  }

  /** The smallest power of two holding {@code n} (at least 1). */
  static int capacityFor(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /**
   * The next allocation. Paths of Services in {@code scope} (every Service when null) get exactly
   * {@code demand} (path to number of endpoints, at least 1): kept when the block still holds them,
   * else a new block (the old one freed first); their other paths are freed. Paths of other
   * Services keep their blocks.
   */
  public SlotAllocation update(Set<ServiceRef> scope, Map<Path, Integer> demand) {
    TreeMap<Path, Block> next = new TreeMap<>(blocks); // a linear copy of a sorted map
    TreeMap<Integer, Block>[] s = Arrays.copyOf(shards, SHARDS);
    boolean[] copied = new boolean[SHARDS];
    TreeMap<Path, Integer> wanted = new TreeMap<>();
    Collection<Map.Entry<Path, Block>> held = scope == null ? blocks.entrySet() : heldBy(scope);
    for (Map.Entry<Path, Block> e : held) {
      Path p = e.getKey();
      Integer n = demand.get(p);
      if (n != null && n <= e.getValue().capacity()) continue;
      next.remove(p);
      writable(s, copied, e.getValue().shard()).remove(e.getValue().base());
    }
    demand.forEach((p, n) -> {
      if (scope != null && !scope.contains(p.port().service())) throw new IllegalArgumentException("outside the scope: " + p);
      if (n < 1) throw new IllegalArgumentException("no endpoints: " + p);
      if (!next.containsKey(p)) wanted.put(p, n);
    });
    wanted.forEach((p, n) -> {
      int shard = p.shard();
      TreeMap<Integer, Block> used = writable(s, copied, shard);
      Block b = new Block(shard, firstFree(used, capacityFor(n)), capacityFor(n), p.port().lowerProtocol());
      used.put(b.base(), b);
      next.put(p, b);
    });
    return new SlotAllocation(next, s);
  }

  /** The blocks of the Services in {@code scope}. */
  private List<Map.Entry<Path, Block>> heldBy(Set<ServiceRef> scope) {
    List<Map.Entry<Path, Block>> out = new ArrayList<>();
    for (ServiceRef ref : scope) {
      for (Map.Entry<Path, Block> e : blocks.tailMap(new Path(new ServicePortName(ref, "", ""), false)).entrySet()) {
        if (!e.getKey().port().service().equals(ref)) break;
        out.add(e);
      }
    }
    return out;
  }

  private static TreeMap<Integer, Block> writable(TreeMap<Integer, Block>[] s, boolean[] copied, int shard) {
    if (!copied[shard]) {
      s[shard] = new TreeMap<>(s[shard]);
      copied[shard] = true;
    }
    return s[shard];
  }

  /** The lowest base aligned to {@code cap} whose block overlaps no used one. */
  private static int firstFree(TreeMap<Integer, Block> used, int cap) {
    int base = 0;
    while (true) {
      Map.Entry<Integer, Block> below = used.lowerEntry(base + cap);
      if (below == null || below.getValue().end() <= base) return base;
      base = (below.getValue().end() + cap - 1) / cap * cap;
    }
  }
}
