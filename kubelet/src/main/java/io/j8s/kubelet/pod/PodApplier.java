package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import io.j8s.kubelet.pod.ContainerStatuses.StartFailure;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a pod's {@link PodActions} through CRI, in upstream SyncPod's order, with the
 * crash-loop and image-pull back-offs. Start failures are recorded per container name in the
 * caller's map (they become the waiting reasons of the status); the result says when the pod
 * should be synced again because a back-off ends.
 */
final class PodApplier {
  private static final Logger LOG = LoggerFactory.getLogger(PodApplier.class);
  /** How soon a pod waiting for the runtime's network is synced again. */
  static final Duration NETWORK_RETRY = Duration.ofSeconds(1);
  private final PodRuntime runtime;
  private final PodManagerConfig cfg;
  private final Dns.HostResolv host;
  private final CrashBackoff crash;
  private final CrashBackoff pulls;
  private final PodFiles files;
  private final StartTrace trace;

  PodApplier(PodRuntime runtime, PodManagerConfig cfg, Dns.HostResolv host, PodFiles files, StartTrace trace) {
    this.trace = trace;
    this.runtime = runtime;
    this.cfg = cfg;
    this.host = host;
    this.files = files;
    this.crash = new CrashBackoff(cfg.clock());
    this.pulls = new CrashBackoff(cfg.clock());
  }

  /** What one apply created: the new sandbox's status (null if none was run) and the containers created, in order. */
  static final class Created {
    PodSandboxStatus sandbox;
    String sandboxId;
    final List<String> containers = new ArrayList<>();
  }

  /** Applies the actions; returns when to sync again for a back-off (null: no back-off pending). */
  Duration apply(Pod pod, RuntimePod rt, PodActions a, Map<String, StartFailure> failures) {
    return apply(pod, rt, a, failures, new Created());
  }

  /** As above, noting in {@code created} the sandbox and containers it created. */
  Duration apply(Pod pod, RuntimePod rt, PodActions a, Map<String, StartFailure> failures, Created created) {
    if (a.killPod()) killAll(pod, rt, a.graceSeconds());
    for (PodActions.Kill k : a.containersToKill()) {
      LOG.info("killing container {} ({}) of pod {}: {}", k.name(), k.containerId(), rt.uid(), k.reason());
      stop(pod, rt, k.containerId(), k.name(), a.graceSeconds(), k.reason());
    }
    for (String id : a.containersToRemove()) runtime.removeContainer(id);
    for (String id : a.sandboxesToRemove()) runtime.removePodSandbox(id);
    if (a.removeAll()) {
      for (Sandbox s : rt.sandboxes()) runtime.removePodSandbox(s.id());
      for (ContainerInfo c : rt.containers()) runtime.removeContainer(c.id());
      return null;
    }
    if (pod == null || (!a.createSandbox() && a.nextInit() == null && a.containersToStart().isEmpty())) return null;

    if (a.createSandbox() && !Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      Optional<String> notReady = runtime.networkNotReady();
      if (notReady.isPresent()) { // as upstream: no sandbox (and no failed CNI call per sync) until the network is ready
        podEvent(pod, "Warning", "NetworkNotReady", "network is not ready: " + notReady.get());
        return NETWORK_RETRY;
      }
    }
    String sandboxId = a.sandboxId();
    PodSandboxConfig sandboxConfig = SandboxConfigs.of(pod, a.createSandbox() ? a.attempt() : attemptOf(rt, sandboxId), cfg, host);
    if (a.createSandbox()) {
      files.createLogDir(sandboxConfig.getLogDirectory());
      long t0 = System.nanoTime();
      trace.mark(rt.uid(), "sandbox-prepare");
      // the volumes are set up while the runtime makes the sandbox (network, pause container)
      Thread volumes = Thread.ofVirtual().name("pod-prepare-" + rt.uid()).start(() -> cfg.inputs().prepare(pod));
      try {
        sandboxId = runtime.runPodSandbox(sandboxConfig);
      } finally {
        join(volumes);
      }
      trace.mark(rt.uid(), "run-sandbox");
      LOG.info("pod {}/{}: sandbox {} (attempt {}) in {} ms", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), sandboxId,
          a.attempt(), (System.nanoTime() - t0) / 1_000_000);
    }
    PodSandboxStatus ss = runtime.podSandboxStatus(sandboxId);
    if (a.createSandbox()) created.sandbox = ss;
    created.sandboxId = sandboxId;
    trace.mark(rt.uid(), "sandbox-status");
    List<String> ips = new ArrayList<>();
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) ips.add(cfg.nodeIp());
    else if (!ss.getNetwork().getIp().isEmpty()) ips.add(ss.getNetwork().getIp());
    ss.getNetwork().getAdditionalIpsList().forEach(ip -> ips.add(ip.getIp()));
    var context = new ContainerInputs.PodContext(ips.isEmpty() ? "" : ips.get(0), ips, cfg.nodeIp());

    Duration requeue = null;
    if (a.nextInit() != null) {
      requeue = start(pod, find(ActionPlanner.inits(pod), a.nextInit()), true, sandboxId, sandboxConfig, context, rt, failures, created);
    }
    for (String name : a.containersToStart()) {
      requeue = earliest(requeue, start(pod, find(pod.getSpec().getContainers(), name), false, sandboxId, sandboxConfig, context, rt, failures, created));
    }
    return requeue;
  }

  /** Starts one container unless it is in back-off; returns the back-off left, or null. */
  private Duration start(Pod pod, Container c, boolean init, String sandboxId, PodSandboxConfig sandboxConfig,
      ContainerInputs.PodContext context, RuntimePod rt, Map<String, StartFailure> failures, Created created) {
    var m = pod.getMetadata();
    Optional<ContainerInfo> latest = rt.latest(c.getName());
    String key = m.getUid() + "/" + c.getName();
    if (latest.isPresent() && latest.get().exited() && latest.get().finishedAt() != null) {
      Duration left = crash.remaining(key, latest.get().finishedAt());
      if (!left.isZero()) {
        failures.put(c.getName(), new StartFailure("CrashLoopBackOff", "back-off " + CrashBackoff.goDuration(crash.current(key))
            + " restarting failed container=" + c.getName() + " pod=" + m.getName() + "_" + m.getNamespace() + "(" + m.getUid() + ")"));
        event(pod, c.getName(), "Warning", "BackOff", "Back-off restarting failed container " + c.getName() + " in pod "
            + m.getName() + "_" + m.getNamespace() + "(" + m.getUid() + ")");
        return left;
      }
      crash.next(key, latest.get().finishedAt());
    }
    Duration pullWait = ensureImage(pod, c, failures);
    trace.mark(rt.uid(), "image");
    if (pullWait != null) return pullWait;
    int restartCount = latest.map(l -> l.restartCount() + 1).orElse(0);
    ContainerInputs.Resolved inputs;
    try {
      inputs = cfg.inputs().resolve(pod, c, context);
    } catch (ContainerConfigException e) {
      failures.put(c.getName(), new StartFailure("CreateContainerConfigError", e.getMessage()));
      event(pod, c.getName(), "Warning", "Failed", "Error: " + e.getMessage());
      return CrashBackoff.INITIAL;
    }
    trace.mark(rt.uid(), "inputs");
    String termLog = files.terminationLog(m.getUid(), c.getName(), restartCount);
    ContainerConfig config = ContainerConfigs.of(pod, c, init, restartCount, inputs, termLog, cfg.nodeMemoryBytes());
    String id;
    long t0 = System.nanoTime();
    try {
      id = runtime.createContainer(sandboxId, config, sandboxConfig);
    } catch (CriException e) {
      failures.put(c.getName(), new StartFailure("CreateContainerError", e.getMessage()));
      event(pod, c.getName(), "Warning", "Failed", "Error: " + e.getMessage());
      return CrashBackoff.INITIAL;
    }
    created.containers.add(id);
    trace.mark(rt.uid(), "create-container");
    event(pod, c.getName(), "Normal", "Created", "Created container " + c.getName());
    try {
      runtime.startContainer(id);
      trace.mark(rt.uid(), "start-container");
    } catch (CriException e) {
      failures.put(c.getName(), new StartFailure("RunContainerError", e.getMessage()));
      event(pod, c.getName(), "Warning", "Failed", "Error: " + e.getMessage());
      return CrashBackoff.INITIAL;
    }
    event(pod, c.getName(), "Normal", "Started", "Started container " + c.getName());
    failures.remove(c.getName());
    LOG.info("pod {}/{}: container {} (restart {}) created and started in {} ms", m.getNamespace(), m.getName(), c.getName(),
        restartCount, (System.nanoTime() - t0) / 1_000_000);
    if (c.getLifecycle() != null && c.getLifecycle().getPostStart() != null) {
      // as upstream's startContainer: the hook runs before the worker goes on, so the status shows the
      // container Running only once it succeeded; a failed hook kills the container, which restarts per policy
      Optional<String> failed = cfg.hooks().run(pod, c, id, context.podIp(), c.getLifecycle().getPostStart(),
          Duration.ofSeconds(ContainerConfigs.gracePeriod(pod)));
      if (failed.isPresent()) {
        String msg = hookMessage(c.getLifecycle().getPostStart(), c.getName(), pod, failed.get());
        event(pod, c.getName(), "Warning", "FailedPostStartHook", msg);
        LOG.info("pod {}/{}: postStart hook of container {} failed: {}", m.getNamespace(), m.getName(), c.getName(), failed.get());
        event(pod, c.getName(), "Normal", "Killing", "FailedPostStartHook");
        runtime.stopContainer(id, Duration.ofSeconds(ContainerConfigs.gracePeriod(pod)));
        failures.put(c.getName(), new StartFailure("PostStartHookError", msg));
        return CrashBackoff.INITIAL;
      }
    }
    return null;
  }

  /** Stops one container: its preStop hook first (within the grace period), then the stop signal with what is left of it. */
  private void stop(Pod pod, RuntimePod rt, String id, String name, long graceSeconds, String why) {
    long grace = graceSeconds;
    Container spec = pod == null ? null : specOf(pod, name);
    if (pod != null) event(pod, name, "Normal", "Killing", why == null ? "Stopping container " + name : killMessage(name, why));
    if (spec != null && spec.getLifecycle() != null && spec.getLifecycle().getPreStop() != null && grace > 0) {
      long t0 = System.nanoTime();
      String ip = rt.latestSandbox().map(Sandbox::ip).orElse("");
      Optional<String> failed = cfg.hooks().run(pod, spec, id, ip, spec.getLifecycle().getPreStop(), Duration.ofSeconds(grace));
      failed.ifPresent(f -> event(pod, name, "Warning", "FailedPreStopHook", hookMessage(spec.getLifecycle().getPreStop(), name, pod, f)));
      // upstream: what the hook used is taken from the grace period, with at least 2 s left for the stop
      grace = Math.max(2, grace - (System.nanoTime() - t0) / 1_000_000_000L);
    }
    runtime.stopContainer(id, Duration.ofSeconds(grace));
  }

  static String killMessage(String name, String why) {
    return why.startsWith("Container ") ? why + ", will be restarted" : "Stopping container " + name;
  }

  /** Upstream's FailedPostStartHook/FailedPreStopHook message. */
  static String hookMessage(io.fabric8.kubernetes.api.model.LifecycleHandler h, String container, Pod pod, String error) {
    var m = pod.getMetadata();
    String where = "for Container \"" + container + "\" in Pod \"" + m.getName() + "_" + m.getNamespace() + "(" + m.getUid() + ")\"";
    if (h.getExec() != null) return "Exec lifecycle hook (" + h.getExec().getCommand() + ") " + where + " failed - error: " + error;
    if (h.getHttpGet() != null) return "HTTP lifecycle hook (" + h.getHttpGet().getPath() + ") " + where + " failed - error: " + error;
    return "Lifecycle hook " + where + " failed - error: " + error;
  }

  private void event(Pod pod, String container, String type, String reason, String message) {
    record(pod, PodEvents.containerPath(pod, container), type, reason, message);
  }

  private void podEvent(Pod pod, String type, String reason, String message) {
    record(pod, null, type, reason, message);
  }

  private void record(Pod pod, String fieldPath, String type, String reason, String message) {
    try {
      cfg.events().record(pod, fieldPath, type, reason, message);
    } catch (RuntimeException e) {
      LOG.debug("event {}: {}", reason, e.toString());
    }
  }

  private static Container specOf(Pod pod, String name) {
    for (var list : List.of(pod.getSpec().getContainers(), ActionPlanner.inits(pod))) {
      for (Container c : list) if (c.getName().equals(name)) return c;
    }
    return null;
  }

  /** Pulls per policy with upstream's image back-off; null when the image is there, else the wait. */
  private Duration ensureImage(Pod pod, Container c, Map<String, StartFailure> failures) {
    String image = c.getImage();
    ImagePolicy.Decision d = ImagePolicy.decide(ImagePolicy.policy(c), runtime.imagePresent(image));
    if (d == ImagePolicy.Decision.USE_PRESENT) {
      event(pod, c.getName(), "Normal", "Pulled", "Container image \"" + image + "\" already present on machine");
      return null;
    }
    if (d == ImagePolicy.Decision.NEVER_PULL_MISSING) {
      failures.put(c.getName(), new StartFailure("ErrImageNeverPull",
          "Container image \"" + image + "\" is not present with pull policy of Never"));
      event(pod, c.getName(), "Warning", "ErrImageNeverPull", "Container image \"" + image + "\" is not present with pull policy of Never");
      return CrashBackoff.INITIAL;
    }
    String key = pod.getMetadata().getUid() + "_" + image;
    Duration left = pulls.remainingSinceUpdate(key);
    if (!left.isZero()) {
      failures.put(c.getName(), new StartFailure("ImagePullBackOff", "Back-off pulling image \"" + image + "\""));
      event(pod, c.getName(), "Normal", "BackOff", "Back-off pulling image \"" + image + "\"");
      return left;
    }
    event(pod, c.getName(), "Normal", "Pulling", "Pulling image \"" + image + "\"");
    long t0 = System.nanoTime();
    try {
      runtime.pullImage(image);
      event(pod, c.getName(), "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in "
          + CrashBackoff.goDuration(Duration.ofMillis((System.nanoTime() - t0) / 1_000_000)));
      return null;
    } catch (CriException e) {
      pulls.next(key, cfg.clock().now());
      failures.put(c.getName(), new StartFailure("ErrImagePull", e.getMessage()));
      event(pod, c.getName(), "Warning", "Failed", "Failed to pull image \"" + image + "\": " + e.getMessage());
      return pulls.current(key);
    }
  }

  /** Stops every running container at once (each with its preStop hook and the grace period), then every ready sandbox. */
  private void killAll(Pod pod, RuntimePod rt, long graceSeconds) {
    List<ContainerInfo> running = rt.containers().stream().filter(c -> c.running() || c.state() == RuntimePod.State.UNKNOWN).toList();
    if (running.size() == 1) {
      stop(pod, rt, running.get(0).id(), running.get(0).name(), graceSeconds, null);
    } else if (!running.isEmpty()) {
      try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> stops = new ArrayList<>();
        for (ContainerInfo c : running) stops.add(ex.submit(() -> stop(pod, rt, c.id(), c.name(), graceSeconds, null)));
        for (Future<?> f : stops) f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping containers of pod " + rt.uid(), e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new IllegalStateException(e.getCause());
      }
    }
    for (Sandbox s : rt.sandboxes()) if (s.ready()) runtime.stopPodSandbox(s.id());
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a pod's volumes were set up", e);
    }
  }

  void forget(String uid) {
    crash.forgetPrefix(uid + "/");
    pulls.forgetPrefix(uid + "_");
  }

  private static int attemptOf(RuntimePod rt, String sandboxId) {
    return rt.sandboxes().stream().filter(s -> s.id().equals(sandboxId)).findFirst().map(Sandbox::attempt).orElse(0);
  }

  private static Container find(List<Container> list, String name) {
    return list.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  static Duration earliest(Duration a, Duration b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.compareTo(b) <= 0 ? a : b;
  }
}
