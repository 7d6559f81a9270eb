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
  private final PodRuntime runtime;
  private final PodManagerConfig cfg;
  private final Dns.HostResolv host;
  private final CrashBackoff crash;
  private final CrashBackoff pulls;
  private final PodFiles files;

  PodApplier(PodRuntime runtime, PodManagerConfig cfg, Dns.HostResolv host, PodFiles files) {
    this.runtime = runtime;
    this.cfg = cfg;
    this.host = host;
    this.files = files;
    this.crash = new CrashBackoff(cfg.clock());
    this.pulls = new CrashBackoff(cfg.clock());
  }

  /** Applies the actions; returns when to sync again for a back-off (null: no back-off pending). */
  Duration apply(Pod pod, RuntimePod rt, PodActions a, Map<String, StartFailure> failures) {
    if (a.killPod()) killAll(rt, a.graceSeconds());
    for (PodActions.Kill k : a.containersToKill()) {
      LOG.info("killing container {} ({}) of pod {}: {}", k.name(), k.containerId(), rt.uid(), k.reason());
      runtime.stopContainer(k.containerId(), Duration.ofSeconds(a.graceSeconds()));
    }
    for (String id : a.containersToRemove()) runtime.removeContainer(id);
    for (String id : a.sandboxesToRemove()) runtime.removePodSandbox(id);
    if (a.removeAll()) {
      for (Sandbox s : rt.sandboxes()) runtime.removePodSandbox(s.id());
      for (ContainerInfo c : rt.containers()) runtime.removeContainer(c.id());
      return null;
    }
    if (pod == null || (!a.createSandbox() && a.nextInit() == null && a.containersToStart().isEmpty())) return null;

    String sandboxId = a.sandboxId();
    PodSandboxConfig sandboxConfig = SandboxConfigs.of(pod, a.createSandbox() ? a.attempt() : attemptOf(rt, sandboxId), cfg, host);
    if (a.createSandbox()) {
      files.createLogDir(sandboxConfig.getLogDirectory());
      long t0 = System.nanoTime();
      sandboxId = runtime.runPodSandbox(sandboxConfig);
      LOG.info("pod {}/{}: sandbox {} (attempt {}) in {} ms", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), sandboxId,
          a.attempt(), (System.nanoTime() - t0) / 1_000_000);
    }
    PodSandboxStatus ss = runtime.podSandboxStatus(sandboxId);
    List<String> ips = new ArrayList<>();
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) ips.add(cfg.nodeIp());
    else if (!ss.getNetwork().getIp().isEmpty()) ips.add(ss.getNetwork().getIp());
    ss.getNetwork().getAdditionalIpsList().forEach(ip -> ips.add(ip.getIp()));
    var context = new ContainerInputs.PodContext(ips.isEmpty() ? "" : ips.get(0), ips, cfg.nodeIp());

    Duration requeue = null;
    if (a.nextInit() != null) {
      requeue = start(pod, find(ActionPlanner.inits(pod), a.nextInit()), true, sandboxId, sandboxConfig, context, rt, failures);
    }
    for (String name : a.containersToStart()) {
      requeue = earliest(requeue, start(pod, find(pod.getSpec().getContainers(), name), false, sandboxId, sandboxConfig, context, rt, failures));
    }
    return requeue;
  }

  /** Starts one container unless it is in back-off; returns the back-off left, or null. */
  private Duration start(Pod pod, Container c, boolean init, String sandboxId, PodSandboxConfig sandboxConfig,
      ContainerInputs.PodContext context, RuntimePod rt, Map<String, StartFailure> failures) {
    var m = pod.getMetadata();
    Optional<ContainerInfo> latest = rt.latest(c.getName());
    String key = m.getUid() + "/" + c.getName();
    if (latest.isPresent() && latest.get().exited() && latest.get().finishedAt() != null) {
      Duration left = crash.remaining(key, latest.get().finishedAt());
      if (!left.isZero()) {
        failures.put(c.getName(), new StartFailure("CrashLoopBackOff", "back-off " + CrashBackoff.goDuration(crash.current(key))
            + " restarting failed container=" + c.getName() + " pod=" + m.getName() + "_" + m.getNamespace() + "(" + m.getUid() + ")"));
        return left;
      }
      crash.next(key, latest.get().finishedAt());
    }
    Duration pullWait = ensureImage(pod, c, failures);
    if (pullWait != null) return pullWait;
    int restartCount = latest.map(l -> l.restartCount() + 1).orElse(0);
    ContainerInputs.Resolved inputs;
    try {
      inputs = cfg.inputs().resolve(pod, c, context);
    } catch (ContainerConfigException e) {
      failures.put(c.getName(), new StartFailure("CreateContainerConfigError", e.getMessage()));
      return CrashBackoff.INITIAL;
    }
    String termLog = files.terminationLog(m.getUid(), c.getName(), restartCount);
    ContainerConfig config = ContainerConfigs.of(pod, c, init, restartCount, inputs, termLog, cfg.nodeMemoryBytes());
    String id;
    long t0 = System.nanoTime();
    try {
      id = runtime.createContainer(sandboxId, config, sandboxConfig);
    } catch (CriException e) {
      failures.put(c.getName(), new StartFailure("CreateContainerError", e.getMessage()));
      return CrashBackoff.INITIAL;
    }
    try {
      runtime.startContainer(id);
    } catch (CriException e) {
      failures.put(c.getName(), new StartFailure("RunContainerError", e.getMessage()));
      return CrashBackoff.INITIAL;
    }
    failures.remove(c.getName());
    LOG.info("pod {}/{}: container {} (restart {}) created and started in {} ms", m.getNamespace(), m.getName(), c.getName(),
        restartCount, (System.nanoTime() - t0) / 1_000_000);
    return null;
  }

  /** Pulls per policy with upstream's image back-off; null when the image is there, else the wait. */
  private Duration ensureImage(Pod pod, Container c, Map<String, StartFailure> failures) {
    String image = c.getImage();
    ImagePolicy.Decision d = ImagePolicy.decide(ImagePolicy.policy(c), runtime.imagePresent(image));
    if (d == ImagePolicy.Decision.USE_PRESENT) return null;
    if (d == ImagePolicy.Decision.NEVER_PULL_MISSING) {
      failures.put(c.getName(), new StartFailure("ErrImageNeverPull",
          "Container image \"" + image + "\" is not present with pull policy of Never"));
      return CrashBackoff.INITIAL;
    }
    String key = pod.getMetadata().getUid() + "_" + image;
    Duration left = pulls.remainingSinceUpdate(key);
    if (!left.isZero()) {
      failures.put(c.getName(), new StartFailure("ImagePullBackOff", "Back-off pulling image \"" + image + "\""));
      return left;
    }
    try {
      runtime.pullImage(image);
      return null;
    } catch (CriException e) {
      pulls.next(key, cfg.clock().now());
      failures.put(c.getName(), new StartFailure("ErrImagePull", e.getMessage()));
      return pulls.current(key);
    }
  }

  /** Stops every running container at once (each with the grace period), then every ready sandbox. */
  private void killAll(RuntimePod rt, long graceSeconds) {
    List<ContainerInfo> running = rt.containers().stream().filter(c -> c.running() || c.state() == RuntimePod.State.UNKNOWN).toList();
    if (running.size() == 1) {
      runtime.stopContainer(running.get(0).id(), Duration.ofSeconds(graceSeconds));
    } else if (!running.isEmpty()) {
      try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> stops = new ArrayList<>();
        for (ContainerInfo c : running) stops.add(ex.submit(() -> runtime.stopContainer(c.id(), Duration.ofSeconds(graceSeconds))));
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
