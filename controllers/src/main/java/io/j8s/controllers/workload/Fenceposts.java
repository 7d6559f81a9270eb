package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Pure: a rolling update's bounds as upstream resolves them: maxSurge rounds a percentage up,
 * maxUnavailable rounds down; if both come to 0, maxUnavailable is 1; maxUnavailable never
 * exceeds the replicas.
 */
final class Fenceposts {
  private Fenceposts() {}

  /** An int, or "N%" of {@code total} rounded up or down; anything else counts as 0 (validation rejects it). */
  static int scaled(IntOrString v, int total, boolean roundUp) {
    if (v == null) return 0;
    if (v.getIntVal() != null) return v.getIntVal();
    String s = v.getStrVal();
    if (s == null || !s.endsWith("%")) return 0;
    int pct;
    try {
      pct = Integer.parseInt(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return 0;
    }
    long product = (long) pct * total;
    return (int) (roundUp ? Math.ceilDiv(product, 100) : Math.floorDiv(product, 100));
  }

  static int replicas(Deployment d) {
    Integer r = d.getSpec().getReplicas();
    return r == null ? 1 : r;
  }

  static boolean rolling(Deployment d) {
    var s = d.getSpec().getStrategy();
    return s == null || s.getType() == null || "RollingUpdate".equals(s.getType());
  }

  private static IntOrString surgeSpec(Deployment d) {
    var ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    return ru == null || ru.getMaxSurge() == null ? new IntOrString("25%") : ru.getMaxSurge();
  }

  private static IntOrString unavailableSpec(Deployment d) {
    var ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    return ru == null || ru.getMaxUnavailable() == null ? new IntOrString("25%") : ru.getMaxUnavailable();
  }

  /** [maxSurge, maxUnavailable] for {@code desired} replicas. */
  static int[] resolve(IntOrString surge, IntOrString unavailable, int desired) {
    int s = scaled(surge, desired, true);
    int u = scaled(unavailable, desired, false);
    if (s == 0 && u == 0) u = 1;
    return new int[] {s, u};
  }

  static int maxSurge(Deployment d) {
    if (!rolling(d)) return 0;
    return resolve(surgeSpec(d), unavailableSpec(d), replicas(d))[0];
  }

  static int maxUnavailable(Deployment d) {
    int replicas = replicas(d);
    if (!rolling(d) || replicas == 0) return 0;
    int u = resolve(surgeSpec(d), unavailableSpec(d), replicas)[1];
    return Math.min(u, replicas);
  }
}
