package io.j8s.kubelet.prober;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a probe worker does at one tick, decided from what the kubelet last saw of the pod and the
 * container (pure; upstream's worker.doProbe order): stop for a finished pod; start over for a new
 * container instance; wait while on hold, while the container is not running (a not-running
 * container is not ready), during the initial delay, and while the startup probe gates the
 * others; on graceful deletion liveness and startup report success and stop.
 */
public final class ProbeSchedule {
  private ProbeSchedule() {}

  /** The pod as the probe sees it. */
  public record PodView(boolean terminal, boolean terminating, boolean restartNever) {}

  /** The container as the probe sees it (the latest instance; an empty id before the first one is created). */
  public record ContainerView(String id, boolean running, Instant startedAt, boolean terminated) {}

  public sealed interface Tick {
    ProbeState state();
  }

  /** Nothing to check at this tick. */
  public record Wait(ProbeState state) implements Tick {}

  /** Run the check, then {@link ProbeState#observe} its result. */
  public record Run(ProbeState state) implements Tick {}

  /** The worker's job is over. */
  public record Stop(ProbeState state) implements Tick {}

  /** {@code startupDone}: the container's startup probe has succeeded, or it has none. */
  public static Tick tick(ProbeSpec spec, ProbeState s, PodView pod, Optional<ContainerView> container, boolean startupDone,
      Instant now) {
    if (pod.terminal()) return new Stop(s);
    if (container.isEmpty()) return new Wait(s);
    ContainerView c = container.get();
    if (!c.id().isEmpty()) s = s.forContainer(c.id(), spec.kind());
    if (s.onHold()) return new Wait(s);
    if (!c.running()) {
      s = s.notRunning();
      return c.terminated() && pod.restartNever() ? new Stop(s) : new Wait(s);
    }
    if (pod.terminating() && spec.kind() != ProbeKind.READINESS) {
      return new Stop(new ProbeState(s.containerId(), ProbeResult.SUCCESS, s.lastRaw(), s.run(), false));
    }
    if (c.startedAt() != null && Duration.between(c.startedAt(), now).compareTo(spec.initialDelay()) < 0) return new Wait(s);
    boolean gatedByStartup = spec.kind() != ProbeKind.STARTUP && !startupDone;
    boolean startupOver = spec.kind() == ProbeKind.STARTUP && startupDone;
    if (gatedByStartup || startupOver) return new Wait(s);
    return new Run(s);
  }
}
