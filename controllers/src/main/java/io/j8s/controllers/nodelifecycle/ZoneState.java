package io.j8s.controllers.nodelifecycle;

/**
 * Upstream's zone health: FullDisruption when no node of the zone is Ready, PartialDisruption
 * when more than two are not Ready and they are at least 55% of the zone, else Normal.
 */
public enum ZoneState {
  NORMAL, PARTIAL_DISRUPTION, FULL_DISRUPTION;

  static final double UNHEALTHY_THRESHOLD = 0.55;

  static ZoneState of(int ready, int notReady) {
    if (ready == 0 && notReady > 0) return FULL_DISRUPTION;
    if (notReady > 2 && (double) notReady / (ready + notReady) >= UNHEALTHY_THRESHOLD) return PARTIAL_DISRUPTION;
    return NORMAL;
  }
}
