package io.j8s.kubelet.prober;

/**
 * A probe worker's memory for one container instance, as upstream's worker keeps it: the
 * published result, the run of identical raw results, and whether the worker is on hold (after a
 * liveness or startup failure it waits for the container to be replaced).
 */
public record ProbeState(String containerId, ProbeResult result, ProbeResult lastRaw, int run, boolean onHold) {

  public static ProbeState initial(ProbeKind kind) {
    return new ProbeState("", kind.initial(), ProbeResult.UNKNOWN, 0, false);
  }

  /** For a (possibly) new container instance: a different id starts over from the kind's initial result. */
  public ProbeState forContainer(String id, ProbeKind kind) {
    if (id.equals(containerId)) return this;
    return new ProbeState(id, kind.initial(), ProbeResult.UNKNOWN, 0, false);
  }

  /** The result the probe had to have when its container is not running. */
  public ProbeState notRunning() {
    return containerId.isEmpty() ? this : new ProbeState(containerId, ProbeResult.FAILURE, lastRaw, run, onHold);
  }

  /**
   * Folds one check into the state: the published result changes only after failureThreshold
   * (or successThreshold) identical results in a row; UNKNOWN (the check could not run) changes nothing.
   */
  public ProbeState observe(ProbeResult raw, ProbeSpec spec) {
    if (raw == ProbeResult.UNKNOWN) return this;
    int nextRun = raw == lastRaw ? run + 1 : 1;
    int needed = raw == ProbeResult.FAILURE ? spec.failureThreshold() : spec.successThreshold();
    if (nextRun < needed) return new ProbeState(containerId, result, raw, nextRun, onHold);
    boolean hold = raw == ProbeResult.FAILURE && spec.kind() != ProbeKind.READINESS;
    return new ProbeState(containerId, raw, raw, hold ? 0 : nextRun, hold);
  }
}
