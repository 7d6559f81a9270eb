package io.j8s.kubelet.prober;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.j8s.base.time.Clock;
import io.j8s.kubelet.prober.ProbeSchedule.ContainerView;
import io.j8s.kubelet.prober.ProbeSchedule.PodView;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the probes of the pods on this node: one worker per container and probe kind, started when
 * the pod worker first reports the pod and stopped when it removes it. The pod worker reads the
 * published results ({@link #ready}, {@link #started}, {@link #killReason}) keyed by container
 * instance, so a result never carries over to a restarted container; it is told through
 * {@link Listener#resultChanged} when it should sync again.
 */
public final class ProbeManager implements AutoCloseable {
  /** What the pod worker hears from the probes. */
  public interface Listener {
    /** A published result of one of the pod's containers changed: sync the pod. */
    void resultChanged(String podUid);

    /** One check failed (upstream records an "Unhealthy" warning event each time). */
    default void checkFailed(Pod pod, String container, ProbeKind kind, ProbeOutcome outcome) {}
  }

  /** What the pod worker last reported about one pod. */
  record PodReport(Pod pod, PodView view, String podIp, Map<String, ContainerView> containers) {}

  record Key(String podUid, String container, ProbeKind kind) {}

  private final Check check;
  private final Clock clock;
  private final Listener listener;
  private final long startedNanos;
  private final Map<String, PodReport> reports = new ConcurrentHashMap<>();
  private final Map<Key, ProbeWorker> workers = new ConcurrentHashMap<>();
  private final Map<Key, ProbeState> results = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ProbeManager(Check check, Clock clock, Listener listener) {
    this.check = check;
    this.clock = clock;
    this.listener = listener;
    this.startedNanos = clock.nanoTime();
  }

  /**
   * The pod worker's report after a sync: the pod, its IP, and the latest instance of each app
   * container by name. Starts the workers the pod's probes need and wakes those whose container
   * was replaced.
   */
  public void update(Pod pod, String podIp, Map<String, ContainerView> containers) {
    if (closed) return;
    String uid = pod.getMetadata().getUid();
    String phase = pod.getStatus() == null ? "" : Objects.requireNonNullElse(pod.getStatus().getPhase(), "");
    PodView view = new PodView(phase.equals("Succeeded") || phase.equals("Failed"),
        pod.getMetadata().getDeletionTimestamp() != null, "Never".equals(pod.getSpec().getRestartPolicy()));
    reports.put(uid, new PodReport(pod, view, Objects.requireNonNullElse(podIp, ""), Map.copyOf(containers)));
    for (Container c : pod.getSpec().getContainers()) {
      start(uid, c, ProbeKind.LIVENESS, c.getLivenessProbe());
      start(uid, c, ProbeKind.READINESS, c.getReadinessProbe());
      start(uid, c, ProbeKind.STARTUP, c.getStartupProbe());
    }
    workers.forEach((k, w) -> {
      if (!k.podUid().equals(uid)) return;
      ContainerView cv = containers.get(k.container());
      ProbeState s = results.get(k);
      if (cv != null && s != null && !cv.id().equals(s.containerId())) w.wake();
    });
  }

  private void start(String uid, Container c, ProbeKind kind, Probe probe) {
    if (probe == null) return;
    workers.computeIfAbsent(new Key(uid, c.getName(), kind), k -> {
      results.put(k, ProbeState.initial(kind));
      boolean agentJustStarted = clock.nanoTime() - startedNanos < Duration.ofSeconds(10).toNanos();
      return ProbeWorker.start(this, k, ProbeSpec.of(kind, probe, c), agentJustStarted);
    });
  }

  /** Forgets the pod and stops its probe workers. */
  public void remove(String podUid) {
    reports.remove(podUid);
    workers.entrySet().removeIf(e -> {
      if (!e.getKey().podUid().equals(podUid)) return false;
      e.getValue().stop();
      return true;
    });
    results.keySet().removeIf(k -> k.podUid().equals(podUid));
  }

  /** Ready as far as probes go: no readiness probe, or it succeeded for this container instance. */
  public boolean ready(String podUid, String container, String containerId) {
    return passed(new Key(podUid, container, ProbeKind.READINESS), containerId);
  }

  /** Started as far as probes go: no startup probe, or it succeeded for this container instance. */
  public boolean started(String podUid, String container, String containerId) {
    return passed(new Key(podUid, container, ProbeKind.STARTUP), containerId);
  }

  /** Why this container instance must be killed and restarted, if its liveness or startup probe failed. */
  public Optional<String> killReason(String podUid, String container, String containerId) {
    for (ProbeKind kind : new ProbeKind[] {ProbeKind.LIVENESS, ProbeKind.STARTUP}) {
      ProbeState s = results.get(new Key(podUid, container, kind));
      if (s != null && s.containerId().equals(containerId) && s.result() == ProbeResult.FAILURE) {
        return Optional.of("Container " + container + " failed " + kind.title().toLowerCase(java.util.Locale.ROOT)
            + " probe, will be restarted");
      }
    }
    return Optional.empty();
  }

  /**
   * Ready as far as the pod's spec and the probes go: a container with a readiness (or startup)
   * probe is not ready (started) until that probe succeeded for this instance, even before its
   * worker first ran.
   */
  public boolean ready(Pod pod, String container, String containerId) {
    String uid = pod.getMetadata().getUid();
    for (Container c : pod.getSpec().getContainers()) {
      if (!c.getName().equals(container)) continue;
      boolean started = c.getStartupProbe() == null || succeeded(new Key(uid, container, ProbeKind.STARTUP), containerId);
      boolean ready = c.getReadinessProbe() == null || succeeded(new Key(uid, container, ProbeKind.READINESS), containerId);
      return started && ready;
    }
    return true;
  }

  private boolean succeeded(Key k, String containerId) {
    ProbeState s = results.get(k);
    return s != null && s.containerId().equals(containerId) && s.result() == ProbeResult.SUCCESS;
  }

  private boolean passed(Key k, String containerId) {
    return !workers.containsKey(k) || succeeded(k, containerId);
  }

  // ---- for the workers ----

  Optional<PodReport> report(String podUid) { return Optional.ofNullable(reports.get(podUid)); }

  ProbeState state(Key k) { return results.getOrDefault(k, ProbeState.initial(k.kind())); }

  /** Publishes a worker's state; tells the listener when the result or the instance it is for changed. */
  void publish(Key k, ProbeState next) {
    if (!workers.containsKey(k)) return; // removed while the check ran
    ProbeState prev = results.put(k, next);
    boolean changed = prev == null || prev.result() != next.result() || !prev.containerId().equals(next.containerId());
    if (changed) listener.resultChanged(k.podUid());
  }

  void failed(Key k, ProbeOutcome outcome) {
    PodReport r = reports.get(k.podUid());
    if (r != null) listener.checkFailed(r.pod(), k.container(), k.kind(), outcome);
  }

  Check check() { return check; }

  Clock clock() { return clock; }

  @Override
  public void close() {
    closed = true;
    workers.values().forEach(ProbeWorker::stop);
    workers.clear();
  }
}
