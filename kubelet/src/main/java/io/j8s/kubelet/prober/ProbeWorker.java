package io.j8s.kubelet.prober;

import io.j8s.kubelet.prober.ProbeManager.Key;
import io.j8s.kubelet.prober.ProbeManager.PodReport;
import io.j8s.kubelet.prober.ProbeSchedule.ContainerView;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One probe of one container, on a virtual thread: a tick every period (a new container instance
 * wakes it early), each tick decided by {@link ProbeSchedule}. When the agent has just started,
 * the first tick waits a random part of the period so that restarted agents do not probe
 * everything at once, as upstream does.
 */
final class ProbeWorker {
  private final ProbeManager manager;
  private final Key key;
  private final ProbeSpec spec;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopped;

  private ProbeWorker(ProbeManager manager, Key key, ProbeSpec spec) {
    this.manager = manager;
    this.key = key;
    this.spec = spec;
  }

  static ProbeWorker start(ProbeManager manager, Key key, ProbeSpec spec, boolean jitter) {
    ProbeWorker w = new ProbeWorker(manager, key, spec);
    Thread.ofVirtual().name("probe-" + key.kind().title().toLowerCase(java.util.Locale.ROOT) + "-" + key.container())
        .start(() -> w.run(jitter));
    return w;
  }

  void wake() { wake.release(); }

  void stop() {
    stopped = true;
    wake.release();
  }

  private void run(boolean jitter) {
    try {
      if (jitter) pause(Duration.ofNanos((long) (ThreadLocalRandom.current().nextDouble() * spec.period().toNanos())));
      while (!stopped) {
        Duration next = spec.period();
        Optional<PodReport> report = manager.report(key.podUid());
        if (report.isPresent()) {
          PodReport r = report.get();
          Optional<ContainerView> c = Optional.ofNullable(r.containers().get(key.container()));
          boolean startupDone = c.isPresent() && manager.started(key.podUid(), key.container(), c.get().id());
          ProbeSchedule.Tick tick = ProbeSchedule.tick(spec, manager.state(key), r.view(), c, startupDone, manager.clock().now());
          manager.publish(key, tick.state());
          switch (tick) {
            case ProbeSchedule.Stop s -> { return; }
            case ProbeSchedule.Run run -> {
              ProbeOutcome outcome = manager.check().run(spec, new ProbeTarget(run.state().containerId(), r.podIp()));
              if (stopped) return;
              manager.publish(key, run.state().observe(outcome.result(), spec));
              if (outcome.result() == ProbeResult.FAILURE) manager.failed(key, outcome);
            }
            case ProbeSchedule.Wait w -> next = untilInitialDelayEnds(c).orElse(next);
          }
        }
        pause(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** While in the initial delay, wake when it ends rather than a whole period later. */
  private Optional<Duration> untilInitialDelayEnds(Optional<ContainerView> c) {
    if (c.isEmpty() || !c.get().running() || c.get().startedAt() == null) return Optional.empty();
    Duration left = Duration.between(manager.clock().now(), c.get().startedAt().plus(spec.initialDelay()));
    return left.isNegative() || left.isZero() || left.compareTo(spec.period()) >= 0 ? Optional.empty() : Optional.of(left);
  }

  private void pause(Duration d) throws InterruptedException {
    if (wake.tryAcquire(d.toNanos(), TimeUnit.NANOSECONDS)) wake.drainPermits();
  }
}
