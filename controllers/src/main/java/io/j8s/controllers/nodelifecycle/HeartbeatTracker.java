package io.j8s.controllers.nodelifecycle;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When this controller last saw each node's heartbeat move (its Lease renewTime or its Ready
 * condition's lastHeartbeatTime), on its own clock, as upstream does, so clock skew between
 * kubelet and controller does not matter. A node seen for the first time counts as just heard
 * from: after a restart or a leader change every node gets a full grace period. Also remembers
 * when it first saw each NoExecute taint that came without a timeAdded. Not thread-safe.
 */
final class HeartbeatTracker {
  private record Seen(String heartbeat, String renew, Instant at) {}

  private final Map<String, Seen> seen = new HashMap<>();
  private final Map<String, Instant> taintFirstSeen = new HashMap<>();
  private final Set<String> touched = new HashSet<>();

  /** Records what the node shows now and returns when its heartbeat last moved. */
  Instant observe(String node, String readyHeartbeat, String leaseRenew, Instant now) {
    Seen s = seen.get(node);
    if (s == null || !Objects.equals(s.heartbeat(), readyHeartbeat) || !Objects.equals(s.renew(), leaseRenew)) {
      s = new Seen(readyHeartbeat, leaseRenew, now);
      seen.put(node, s);
    }
    return s.at();
  }

  /** When a taint (key:effect) without timeAdded was first seen on the node; remembered until the taint goes. */
  Instant taintSeen(String node, String taint, Instant now) {
    String k = node + "\u0000" + taint;
    touched.add(k);
    return taintFirstSeen.computeIfAbsent(k, x -> now);
  }

  /** Ends a pass: forgets nodes that no longer exist and taints not seen in this pass. */
  void retain(Set<String> nodes) {
    seen.keySet().retainAll(nodes);
    taintFirstSeen.keySet().retainAll(touched);
    touched.clear();
  }
}
