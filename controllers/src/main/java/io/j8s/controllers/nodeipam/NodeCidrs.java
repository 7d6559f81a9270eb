package io.j8s.controllers.nodeipam;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which node holds which subnet, and what to do when a node is seen: keep what it has (marking
 * it used when it lies in the range), assign it the next free subnet, report the range full, or
 * release the subnet of a node that is gone. Pure and deterministic; the controller applies the
 * decisions. Not thread-safe.
 */
final class NodeCidrs {
  sealed interface Decision {
    record Nothing() implements Decision {}

    /** Write this subnet to the node's spec.podCIDR and spec.podCIDRs (again, if a write was lost). */
    record Assign(String cidr) implements Decision {}

    /** No subnet is free: tell the node (event CIDRNotAvailable) and retry later. */
    record Full() implements Decision {}

    /** The node is gone; its subnet is free again. */
    record Released(String cidr) implements Decision {}
  }

  static final Decision NOTHING = new Decision.Nothing();
  private final CidrSet set;
  /** Subnets this allocator handed out or found in the range, by node. */
  private final Map<String, String> byNode = new HashMap<>();

  NodeCidrs(CidrSet set) {
    this.set = set;
  }

  /** The allocation state rebuilt from the nodes that exist: node name to its podCIDR (null when unset). */
  static NodeCidrs rebuild(CidrSet set, Map<String, String> podCidrByNode) {
    NodeCidrs n = new NodeCidrs(set);
    podCidrByNode.forEach((node, cidr) -> {
      if (cidr != null && !cidr.isEmpty() && set.occupy(cidr)) n.byNode.put(node, cidr);
    });
    return n;
  }

  /** What to do about {@code node}, given whether it exists and the podCIDR it has (null when unset). */
  Decision observe(String node, boolean exists, String podCidr) {
    String mine = byNode.get(node);
    if (!exists) {
      if (mine == null) return NOTHING;
      byNode.remove(node);
      set.release(mine);
      return new Decision.Released(mine);
    }
    if (podCidr != null && !podCidr.isEmpty()) {
      if (podCidr.equals(mine)) return NOTHING;
      if (mine != null) {
        // Someone else set a different range (podCIDR is immutable once set): ours was never written.
        byNode.remove(node);
        set.release(mine);
      }
      if (set.occupy(podCidr)) byNode.put(node, podCidr);
      return NOTHING;
    }
    if (mine != null) return new Decision.Assign(mine);
    Optional<String> next = set.allocate();
    if (next.isEmpty()) return new Decision.Full();
    byNode.put(node, next.get());
    return new Decision.Assign(next.get());
  }

  /** The write of an assignment failed for good (node gone): forget it. */
  void forget(String node) {
    String mine = byNode.remove(node);
    if (mine != null) set.release(mine);
  }

  Optional<String> of(String node) { return Optional.ofNullable(byNode.get(node)); }

  int free() { return set.capacity() - set.allocatedCount(); }
}
