package io.j8s.network.policy;

import java.util.Optional;

/**
 * The compiled policy of one pod on this node: per direction, empty when no policy of that type
 * selects it (everything allowed), else what the policies selecting it allow (nothing else).
 */
public record PodPolicy(String namespace, String name, String ip, Optional<Allowed> ingress, Optional<Allowed> egress) {
  public String key() { return namespace + "/" + name; }

  /** Whether {@code now} allows less than this in the direction ({@code ingress} or egress). */
  static boolean shrank(Optional<Allowed> before, Optional<Allowed> now) {
    if (now.isEmpty()) return false;
    if (before.isEmpty()) return true;
    return !now.get().covers(before.get());
  }
}
