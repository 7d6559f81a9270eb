package io.j8s.kubelet.pod;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the runtime holds for one pod (upstream's kubecontainer.PodStatus), as read from CRI by the
 * {@code io.kubernetes.pod.uid} label: sandboxes and containers, each list newest first.
 */
public record RuntimePod(String uid, List<Sandbox> sandboxes, List<ContainerInfo> containers) {
  public enum State { CREATED, RUNNING, EXITED, UNKNOWN }

  /** A sandbox; {@code ip} empty for hostNetwork or when not networked. */
  public record Sandbox(String id, int attempt, boolean ready, long createdAtNanos, String ip, List<String> additionalIps) {
    public Sandbox { additionalIps = List.copyOf(additionalIps); }
  }

  /**
   * A container instance; times null when not reached; {@code gracePeriod} from its
   * {@code io.kubernetes.pod.terminationGracePeriod} annotation (for pods no longer known).
   */
  public record ContainerInfo(String id, String sandboxId, String name, boolean init, int restartCount, State state,
      long createdAtNanos, Instant startedAt, Instant finishedAt, int exitCode, String reason, String message,
      String image, String imageRef, String hash, long gracePeriod) {
    public boolean running() { return state == State.RUNNING; }

    public boolean exited() { return state == State.EXITED; }
  }

  static final Comparator<Sandbox> SANDBOX_NEWEST_FIRST =
      Comparator.comparingLong(Sandbox::createdAtNanos).thenComparingInt(Sandbox::attempt).reversed();
  static final Comparator<ContainerInfo> CONTAINER_NEWEST_FIRST =
      Comparator.comparingLong(ContainerInfo::createdAtNanos).thenComparingInt(ContainerInfo::restartCount).reversed();

  public RuntimePod {
    sandboxes = sandboxes.stream().sorted(SANDBOX_NEWEST_FIRST).toList();
    containers = containers.stream().sorted(CONTAINER_NEWEST_FIRST).toList();
  }

  public static RuntimePod empty(String uid) { return new RuntimePod(uid, List.of(), List.of()); }

  public Optional<Sandbox> latestSandbox() { return sandboxes.stream().findFirst(); }

  /** The newest instance of the named container. */
  public Optional<ContainerInfo> latest(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The newest exited instance other than the newest instance: the source of lastState. */
  public Optional<ContainerInfo> previous(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).skip(1).filter(ContainerInfo::exited).findFirst();
  }

  public boolean anyRunning() { return containers.stream().anyMatch(c -> c.state() == State.RUNNING || c.state() == State.UNKNOWN); }

  public boolean anySandboxReady() { return sandboxes.stream().anyMatch(Sandbox::ready); }

  public boolean isEmpty() { return sandboxes.isEmpty() && containers.isEmpty(); }
}
