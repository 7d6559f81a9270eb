package io.j8s.api.status;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Pod and node readiness as upstream's podutil and nodeutil define them. */
public final class Readiness {
  private Readiness() {}

  /** The pod's Ready condition, whatever its status. */
  public static Optional<PodCondition> podReadyCondition(Pod p) {
    if (p.getStatus() == null || p.getStatus().getConditions() == null) return Optional.empty();
    return p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public static boolean podReady(Pod p) {
    return podReadyCondition(p).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** When a ready pod last became ready; empty if it is not ready or the time is missing or malformed. */
  public static Optional<Instant> podReadySince(Pod p) {
    return podReadyCondition(p).filter(c -> "True".equals(c.getStatus())).map(c -> parse(c.getLastTransitionTime()));
  }

  /** Ready for longer than minReadySeconds (strictly, as upstream's IsPodAvailable). */
  public static boolean podAvailable(Pod p, int minReadySeconds, Instant now) {
    if (!podReady(p)) return false;
    if (minReadySeconds <= 0) return true;
    return podReadySince(p).map(t -> t.plusSeconds(minReadySeconds).isBefore(now)).orElse(false);
  }

  /** The node's Ready condition is True. */
  public static boolean nodeReady(Node n) {
    if (n.getStatus() == null || n.getStatus().getConditions() == null) return false;
    for (NodeCondition c : n.getStatus().getConditions()) if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
    return false;
  }

  private static Instant parse(String s) {
    if (s == null || s.isEmpty()) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
