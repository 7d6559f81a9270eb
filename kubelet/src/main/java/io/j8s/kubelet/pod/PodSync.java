package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.j8s.kubelet.pod.ActionPlanner.Intent;
import io.j8s.kubelet.pod.ContainerStatuses.StartFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sync of one pod (upstream's syncPod / syncTerminatingPod / syncTerminatedPod in one place):
 * read the runtime state, plan, apply, and compute the status. Never runs twice at once for one
 * pod (the caller's work queue guarantees that); different pods sync in parallel. The first read
 * takes the pod's objects from the latest relist's listing when that started after this worker
 * last changed them (else it lists them); the read after applying always lists. What each sync
 * read last is kept (as object states) so that the relist need not sync a pod again for changes
 * its worker already saw.
 */
public final class PodSync {
  /**
   * @param status        the status to write, or null (pod gone)
   * @param readyToDelete the pod was being deleted and everything of it is stopped and removed: delete the API object
   * @param requeueAfter  sync again after this (a back-off ends, or a termination is under way), or null
   */
  public record Result(PodStatus status, boolean readyToDelete, Duration requeueAfter) {}

  static final long ORPHAN_GRACE_SECONDS = 1;
  private final PodManagerConfig cfg;
  private final RuntimeReader reader;
  private final PodApplier applier;
  private final PodFiles files;
  private final StartTrace trace = new StartTrace(System::nanoTime);
  private final Map<String, Map<String, StartFailure>> failures = new ConcurrentHashMap<>();
  private final Map<String, Long> lastChange = new ConcurrentHashMap<>(); // uid -> nanoTime after the worker's last CRI changes
  private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>(); // uid -> object states of the last read
  private final java.util.function.Supplier<RuntimeListing> listing;
  private final java.util.function.LongSupplier nanoTime;

  public PodSync(PodRuntime runtime, PodManagerConfig cfg, Dns.HostResolv host, Path cgroupRoot) {
    this(runtime, cfg, host, cgroupRoot, () -> null, System::nanoTime);
  }

  /** With the relist's latest listing ({@code listing}, null while there is none) and the monotonic clock it is timed with. */
  PodSync(PodRuntime runtime, PodManagerConfig cfg, Dns.HostResolv host, Path cgroupRoot,
      java.util.function.Supplier<RuntimeListing> listing, java.util.function.LongSupplier nanoTime) {
    this.listing = listing;
    this.nanoTime = nanoTime;
    this.cfg = cfg;
    this.reader = new RuntimeReader(runtime);
    this.files = new PodFiles(cfg, cgroupRoot);
    this.applier = new PodApplier(runtime, cfg, host, files, trace);
  }

  public RuntimeReader reader() { return reader; }

  /** The start timelines of the pods not yet Running. */
  StartTrace trace() { return trace; }

  /** Syncs the pod; {@code pod} null means it is gone from the API: its runtime objects are stopped and removed. */
  public Result sync(String uid, Pod pod) {
    RuntimeListing l = listing.get();
    RuntimePod rt = reader.read(uid, l != null && l.usableFor(lastChange.get(uid), nanoTime.getAsLong()) ? l : null);
    seen.put(uid, RuntimeListing.states(rt));
    trace.mark(uid, "read");
    try {
      return sync(uid, pod, rt);
    } finally {
      pruneChanges();
    }
  }

  private Result sync(String uid, Pod pod, RuntimePod rt) {
    if (pod == null) {
      // the API object is gone (force-deleted, or deleted while the agent was down): as upstream's
      // HandlePodCleanups, its containers get a 1 s grace period
      for (int i = 0; i < 2 && !rt.isEmpty(); i++) {
        apply(null, rt, ActionPlanner.plan(null, rt, Intent.REMOVE, ORPHAN_GRACE_SECONDS), Map.of());
        rt = read(uid);
      }
      if (!rt.isEmpty()) return new Result(null, false, Duration.ofSeconds(1));
      forget(uid);
      return new Result(null, false, null);
    }
    Instant now = cfg.clock().now();
    boolean deadline = StatusBuilder.deadlineExceeded(pod, now);
    Intent intent = pod.getMetadata().getDeletionTimestamp() != null ? Intent.REMOVE
        : deadline || (pod.getStatus() != null && Phase.terminal(pod.getStatus().getPhase())) ? Intent.STOP : Intent.RUN;
    long grace = grace(pod);
    Map<String, StartFailure> podFailures = failures.computeIfAbsent(uid, k -> new ConcurrentHashMap<>());
    PodActions actions = ActionPlanner.plan(pod, rt, intent, grace, cfg.probes());
    Duration requeue = null;
    if (!actions.isEmpty() && !actions.removeAll()) { // removal waits until the final status is computed
      PodApplier.Created created = new PodApplier.Created();
      requeue = apply(pod, rt, actions, podFailures, created);
      if (actions.onlyCreates(rt)) { // what was there is unchanged: read only what was made
        rt = reader.withCreated(rt, created.sandbox, created.sandboxId, created.containers);
        seen.put(uid, RuntimeListing.states(rt));
      } else {
        rt = read(uid);
      }
      trace.mark(uid, "reread");
      if (intent == Intent.REMOVE && actions.killPod()) actions = ActionPlanner.plan(pod, rt, intent, grace, cfg.probes());
    }
    boolean stopped = !rt.anyRunning() && !rt.anySandboxReady();
    PodStatus status = StatusBuilder.build(new StatusBuilder.Input(pod, rt, Map.copyOf(podFailures), cfg.probes(), cfg.nodeIp(),
        cfg.clock().now(), intent == Intent.REMOVE && stopped, deadline));
    if (intent == Intent.REMOVE && stopped) {
      if (actions.removeAll()) apply(pod, rt, actions, podFailures);
      RuntimePod left = read(uid);
      if (!left.isEmpty()) return new Result(status, false, Duration.ofSeconds(1));
      removeFiles(uid);
      return new Result(status, true, null);
    }
    if (intent == Intent.REMOVE) requeue = PodApplier.earliest(requeue, Duration.ofSeconds(1));
    Long active = pod.getSpec().getActiveDeadlineSeconds();
    if (active != null && !deadline && pod.getStatus() != null && pod.getStatus().getStartTime() != null) {
      Duration untilDeadline = Duration.between(now, Instant.parse(pod.getStatus().getStartTime()).plusSeconds(active));
      requeue = PodApplier.earliest(requeue, untilDeadline.isNegative() ? Duration.ZERO : untilDeadline);
    }
    return new Result(status, false, requeue);
  }

  /** Applies actions and notes when the pod's runtime objects last changed (a listing older than that lacks them). */
  private Duration apply(Pod pod, RuntimePod rt, PodActions actions, Map<String, StartFailure> podFailures) {
    return apply(pod, rt, actions, podFailures, new PodApplier.Created());
  }

  private Duration apply(Pod pod, RuntimePod rt, PodActions actions, Map<String, StartFailure> podFailures, PodApplier.Created created) {
    try {
      return applier.apply(pod, rt, actions, podFailures, created);
    } finally {
      lastChange.put(rt.uid(), nanoTime.getAsLong());
    }
  }

  /** Lists the pod's objects now and remembers what was read. */
  private RuntimePod read(String uid) {
    RuntimePod rt = reader.read(uid);
    seen.put(uid, RuntimeListing.states(rt));
    return rt;
  }

  /** The pod's objects and their states as its worker last read them, or null. */
  Map<String, String> seen(String uid) { return seen.get(uid); }

  /** Changes older than any usable listing no longer matter. */
  private void pruneChanges() {
    long now = nanoTime.getAsLong();
    lastChange.values().removeIf(t -> now - t > 2 * RuntimeListing.MAX_AGE_NANOS);
  }

  /** The pod is gone for good: drop what was remembered about it. */
  public void forget(String uid) {
    trace.drop(uid);
    seen.remove(uid);
    failures.remove(uid);
    applier.forget(uid);
    removeFiles(uid);
    cfg.observer().removed(uid);
  }

  /**
   * The pod's volumes first (their mounts live under the pod's directory: deleting that tree with a
   * secret's tmpfs still mounted empties the mount and then fails on it), then its other files.
   */
  private void removeFiles(String uid) {
    cfg.inputs().podRemoved(uid);
    files.removePod(uid);
  }

  /** deletionGracePeriodSeconds while deleting, else terminationGracePeriodSeconds (30). */
  static long grace(Pod pod) {
    Long d = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (pod.getMetadata().getDeletionTimestamp() != null && d != null) return Math.max(0, d);
    return ContainerConfigs.gracePeriod(pod);
  }
}
