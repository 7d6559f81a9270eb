package io.j8s.kubelet.pod;

import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import io.j8s.kubelet.cri.v1.Mount;
import io.j8s.kubelet.cri.v1.PodIP;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import io.j8s.kubelet.pod.RuntimePod.ContainerInfo;
import io.j8s.kubelet.pod.RuntimePod.Sandbox;
import io.j8s.kubelet.pod.RuntimePod.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a pod's {@link RuntimePod} from CRI: sandboxes and containers by the pod uid label (from a
 * relist's {@link RuntimeListing} when the caller has a fresh one, else listed now), then each
 * one's status.
 */
public final class RuntimeReader {
  static final int MAX_TERMINATION_MESSAGE = 4096;
  private final PodRuntime runtime;

  public RuntimeReader(PodRuntime runtime) { this.runtime = runtime; }

  public RuntimePod read(String uid) { return read(uid, null); }

  /** As {@link #read(String)}, the pod's objects taken from {@code listing} unless it is null. */
  RuntimePod read(String uid, RuntimeListing listing) {
    List<Sandbox> sandboxes = new ArrayList<>();
    List<PodSandbox> listed = listing != null ? listing.sandboxesOf(uid)
        : runtime.listPodSandbox(PodSandboxFilter.newBuilder().putLabelSelector(Labels.POD_UID, uid).build());
    for (PodSandbox s : listed) {
      if (s.getState() != PodSandboxState.SANDBOX_READY) {
        sandboxes.add(new Sandbox(s.getId(), s.getMetadata().getAttempt(), false, s.getCreatedAt(), "", List.of()));
        continue;
      }
      try {
        sandboxes.add(sandbox(runtime.podSandboxStatus(s.getId())));
      } catch (CriException e) {
        if (!e.notFound()) throw e;
      }
    }
    List<ContainerInfo> containers = new ArrayList<>();
    List<Container> listedContainers = listing != null ? listing.containersOf(uid)
        : runtime.listContainers(ContainerFilter.newBuilder().putLabelSelector(Labels.POD_UID, uid).build());
    for (Container c : listedContainers) {
      ContainerStatus st = containerStatus(c.getId());
      if (st != null) containers.add(info(c, st));
    }
    return new RuntimePod(uid, sandboxes, containers);
  }

  /** A sandbox as its status shows it (ready or not, with its addresses). */
  private static Sandbox sandbox(PodSandboxStatus st) {
    return new Sandbox(st.getId(), st.getMetadata().getAttempt(), st.getState() == PodSandboxState.SANDBOX_READY, st.getCreatedAt(),
        st.getNetwork().getIp(), st.getNetwork().getAdditionalIpsList().stream().map(PodIP::getIp).toList());
  }

  /** The container's status, null if the runtime no longer has it. */
  private ContainerStatus containerStatus(String id) {
    try {
      return runtime.containerStatus(id);
    } catch (CriException e) {
      if (e.notFound()) return null;
      throw e;
    }
  }

  /**
   * The pod after a sync that only created objects (no kill, no removal): {@code before} plus the
   * new sandbox (its status as read right after RunPodSandbox; null if none) and the created
   * containers, each read with one ContainerStatus, instead of listing the pod again. Objects
   * already there are as {@code before} read them; a change of theirs is the relist's to notice.
   */
  RuntimePod withCreated(RuntimePod before, PodSandboxStatus sandbox, String sandboxId, List<String> containerIds) {
    List<Sandbox> sandboxes = new ArrayList<>(before.sandboxes());
    if (sandbox != null) sandboxes.add(sandbox(sandbox));
    List<ContainerInfo> containers = new ArrayList<>(before.containers());
    for (String id : containerIds) {
      ContainerStatus st = containerStatus(id);
      if (st == null) continue;
      Container c = Container.newBuilder().setId(id).setPodSandboxId(sandboxId).setMetadata(st.getMetadata())
          .putAllLabels(st.getLabelsMap()).putAllAnnotations(st.getAnnotationsMap()).build();
      containers.add(info(c, st));
    }
    return new RuntimePod(before.uid(), sandboxes, containers);
  }

  /** The uids of all pods that have sandboxes or containers in the runtime. */
  public Set<String> podUids() {
    Set<String> out = new HashSet<>();
    for (PodSandbox s : runtime.listPodSandbox(PodSandboxFilter.getDefaultInstance())) {
      String u = s.getLabelsMap().get(Labels.POD_UID);
      if (u != null) out.add(u);
    }
    for (Container c : runtime.listContainers(ContainerFilter.getDefaultInstance())) {
      String u = c.getLabelsMap().get(Labels.POD_UID);
      if (u != null) out.add(u);
    }
    return out;
  }

  static ContainerInfo info(Container c, ContainerStatus st) {
    var ann = st.getAnnotationsMap().isEmpty() ? c.getAnnotationsMap() : st.getAnnotationsMap();
    State state = switch (st.getState()) {
      case CONTAINER_CREATED -> State.CREATED;
      case CONTAINER_RUNNING -> State.RUNNING;
      case CONTAINER_EXITED -> State.EXITED;
      default -> State.UNKNOWN;
    };
    String message = st.getMessage();
    if (state == State.EXITED && message.isEmpty()) message = terminationMessage(st, ann.get(Labels.TERMINATION_MESSAGE_PATH));
    return new ContainerInfo(c.getId(), c.getPodSandboxId(), c.getMetadata().getName(),
        "true".equals(c.getLabelsMap().get(Labels.INIT_CONTAINER)), parseInt(ann.get(Labels.RESTART_COUNT)), state,
        st.getCreatedAt(), instant(st.getStartedAt()), instant(st.getFinishedAt()), st.getExitCode(), st.getReason(), message,
        st.getImage().getImage(), st.getImageRef(), ann.getOrDefault(Labels.CONTAINER_HASH, ""),
        parseInt(ann.get(Labels.GRACE_PERIOD)));
  }

  /** What the container wrote to its termination message file (the host file mounted there), at most 4 KiB. */
  static String terminationMessage(ContainerStatus st, String containerPath) {
    if (containerPath == null) return "";
    for (Mount m : st.getMountsList()) {
      if (!m.getContainerPath().equals(containerPath)) continue;
      try (InputStream in = Files.newInputStream(Path.of(m.getHostPath()))) {
        return new String(in.readNBytes(MAX_TERMINATION_MESSAGE), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
    return "";
  }

  static Instant instant(long nanos) { return nanos <= 0 ? null : Instant.ofEpochSecond(0, nanos); }

  static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
