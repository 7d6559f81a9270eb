package io.j8s.kubelet.pod;

import io.grpc.Status;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxNetworkStatus;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A model of a CRI runtime for simulations: sandboxes READY → NOTREADY (stop) → gone (remove),
 * containers CREATED → RUNNING → EXITED → gone, with CRI's rules (containers only in a ready
 * sandbox, stop/remove idempotent, status of a missing object NOT_FOUND) and times from a
 * {@link ManualClock}. Every start is reported to a listener so a test can check invariants.
 */
final class FakeRuntime implements PodRuntime {
  static final class Sb {
    final String id;
    final PodSandboxConfig config;
    final long createdAt;
    final String ip;
    boolean ready = true;

    Sb(String id, PodSandboxConfig config, long createdAt, String ip) {
      this.id = id;
      this.config = config;
      this.createdAt = createdAt;
      this.ip = ip;
    }
  }

  static final class Ct {
    final String id, sandboxId;
    final ContainerConfig config;
    final long createdAt;
    ContainerState state = ContainerState.CONTAINER_CREATED;
    Instant startedAt, finishedAt;
    int exitCode;
    String reason = "";

    Ct(String id, String sandboxId, ContainerConfig config, long createdAt) {
      this.id = id;
      this.sandboxId = sandboxId;
      this.config = config;
      this.createdAt = createdAt;
    }

    String uid() { return config.getLabelsMap().get(Labels.POD_UID); }

    String name() { return config.getMetadata().getName(); }
  }

  final ManualClock clock;
  final Map<String, Sb> sandboxes = new LinkedHashMap<>();
  final Map<String, Ct> containers = new LinkedHashMap<>();
  final java.util.Set<String> images = new java.util.HashSet<>();
  Consumer<Ct> onStart = c -> { };
  /** The runtime's answer to {@link #networkNotReady()}; null: the network is ready. */
  volatile String networkNotReady;
  private int next;
  private int ipNext = 2;

  FakeRuntime(ManualClock clock) { this.clock = clock; }

  private long nowNanos() {
    Instant t = clock.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano() + next; // strictly increasing creation times
  }

  private static CriException notFound(String op, String what) {
    return new CriException(op, what, Status.NOT_FOUND.withDescription(what + " not found"), null);
  }

  @Override public synchronized List<PodSandbox> listPodSandbox(PodSandboxFilter f) {
    List<PodSandbox> out = new ArrayList<>();
    for (Sb s : sandboxes.values()) {
      if (!s.config.getLabelsMap().entrySet().containsAll(f.getLabelSelectorMap().entrySet())) continue;
      out.add(PodSandbox.newBuilder().setId(s.id).setMetadata(s.config.getMetadata()).setCreatedAt(s.createdAt)
          .setState(s.ready ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY).putAllLabels(s.config.getLabelsMap()).build());
    }
    return out;
  }

  @Override public synchronized PodSandboxStatus podSandboxStatus(String id) {
    Sb s = sandboxes.get(id);
    if (s == null) throw notFound("PodSandboxStatus", "sandbox " + id);
    return PodSandboxStatus.newBuilder().setId(id).setMetadata(s.config.getMetadata()).setCreatedAt(s.createdAt)
        .setState(s.ready ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY)
        .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(s.ready ? s.ip : "")).build();
  }

  @Override public java.util.Optional<String> networkNotReady() { return java.util.Optional.ofNullable(networkNotReady); }

  @Override public synchronized String runPodSandbox(PodSandboxConfig config) {
    if (networkNotReady != null && !config.getLinux().getSecurityContext().getNamespaceOptions().getNetwork().name().equals("NODE")) {
      throw new CriException("RunPodSandbox", config.getMetadata().getName(),
          Status.UNKNOWN.withDescription("failed to setup network for sandbox: cni config uninitialized"), null);
    }
    String id = "sb" + (next++);
    sandboxes.put(id, new Sb(id, config, nowNanos(), "10.88.0." + (ipNext++ % 250 + 2)));
    return id;
  }

  @Override public synchronized void stopPodSandbox(String id) {
    Sb s = sandboxes.get(id);
    if (s == null) return;
    for (Ct c : containers.values()) if (c.sandboxId.equals(id) && c.state == ContainerState.CONTAINER_RUNNING) exit(c, 137, "Error");
    s.ready = false;
  }

  @Override public synchronized void removePodSandbox(String id) {
    stopPodSandbox(id);
    sandboxes.remove(id);
    containers.values().removeIf(c -> c.sandboxId.equals(id));
  }

  @Override public synchronized List<Container> listContainers(ContainerFilter f) {
    List<Container> out = new ArrayList<>();
    for (Ct c : containers.values()) {
      if (!c.config.getLabelsMap().entrySet().containsAll(f.getLabelSelectorMap().entrySet())) continue;
      out.add(Container.newBuilder().setId(c.id).setPodSandboxId(c.sandboxId).setMetadata(c.config.getMetadata())
          .setImage(c.config.getImage()).setState(c.state).setCreatedAt(c.createdAt).putAllLabels(c.config.getLabelsMap())
          .putAllAnnotations(c.config.getAnnotationsMap()).build());
    }
    return out;
  }

  @Override public synchronized ContainerStatus containerStatus(String id) {
    Ct c = containers.get(id);
    if (c == null) throw notFound("ContainerStatus", "container " + id);
    return ContainerStatus.newBuilder().setId(id).setMetadata(ContainerMetadata.newBuilder(c.config.getMetadata())).setState(c.state)
        .setCreatedAt(c.createdAt).setStartedAt(nanos(c.startedAt)).setFinishedAt(nanos(c.finishedAt)).setExitCode(c.exitCode)
        .setImage(ImageSpec.newBuilder().setImage(c.config.getImage().getImage())).setImageRef("sha256:fake").setReason(c.reason)
        .putAllLabels(c.config.getLabelsMap()).putAllAnnotations(c.config.getAnnotationsMap()).build();
  }

  @Override public synchronized String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
    Sb s = sandboxes.get(sandboxId);
    if (s == null || !s.ready) {
      throw new CriException("CreateContainer", config.getMetadata().getName(), Status.FAILED_PRECONDITION.withDescription("sandbox not ready"), null);
    }
    String id = "c" + (next++);
    containers.put(id, new Ct(id, sandboxId, config, nowNanos()));
    return id;
  }

  @Override public synchronized void startContainer(String id) {
    Ct c = containers.get(id);
    if (c == null) throw notFound("StartContainer", "container " + id);
    if (c.state != ContainerState.CONTAINER_CREATED) {
      throw new CriException("StartContainer", id, Status.FAILED_PRECONDITION.withDescription("container is " + c.state), null);
    }
    c.state = ContainerState.CONTAINER_RUNNING;
    c.startedAt = clock.now();
    onStart.accept(c);
  }

  @Override public synchronized void stopContainer(String id, Duration grace) {
    Ct c = containers.get(id);
    if (c != null && c.state == ContainerState.CONTAINER_RUNNING) exit(c, 143, "Error"); // honours SIGTERM at once
  }

  @Override public synchronized void removeContainer(String id) { containers.remove(id); }

  @Override public synchronized boolean imagePresent(String image) { return images.contains(image); }

  @Override public synchronized String pullImage(String image) {
    images.add(image);
    return "sha256:" + image.hashCode();
  }

  /** The container's process ends (a crash, a completion, or the OOM killer). */
  synchronized void exit(Ct c, int code, String reason) {
    c.state = ContainerState.CONTAINER_EXITED;
    c.exitCode = code;
    c.reason = reason;
    c.finishedAt = clock.now();
  }

  synchronized List<Ct> running() {
    return containers.values().stream().filter(c -> c.state == ContainerState.CONTAINER_RUNNING).toList();
  }

  private static long nanos(Instant t) { return t == null ? 0 : t.getEpochSecond() * 1_000_000_000L + t.getNano(); }
}
