package io.j8s.kubelet.server;

import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import io.j8s.kubelet.cri.v1.PodSandboxStateValue;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds a pod's sandbox and containers in the runtime by the labels the kubelet puts on them
 * (upstream's: {@code io.kubernetes.pod.name}, {@code .namespace}, {@code .uid},
 * {@code io.kubernetes.container.name}).
 */
final class ContainerLocator {
  static final String POD_NAME = "io.kubernetes.pod.name";
  static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  static final String POD_UID = "io.kubernetes.pod.uid";
  static final String CONTAINER_NAME = "io.kubernetes.container.name";

  private final CriRuntime cri;

  ContainerLocator(CriRuntime cri) { this.cri = cri; }

  /**
   * The container's attempts, oldest first (by attempt, then creation). Without a uid, those of
   * the pod incarnation (uid) whose container was created last.
   */
  List<Container> attempts(String namespace, String pod, String uid, String container) {
    ContainerFilter.Builder f = ContainerFilter.newBuilder()
        .putLabelSelector(POD_NAMESPACE, namespace).putLabelSelector(POD_NAME, pod).putLabelSelector(CONTAINER_NAME, container);
    if (uid != null) f.putLabelSelector(POD_UID, uid);
    List<Container> all = cri.listContainers(f.build());
    return ordered(all);
  }

  static List<Container> ordered(List<Container> all) {
    Comparator<Container> order = Comparator.<Container>comparingInt(c -> c.getMetadata().getAttempt()).thenComparingLong(Container::getCreatedAt);
    Optional<String> newestUid = all.stream().max(Comparator.comparingLong(Container::getCreatedAt))
        .map(c -> c.getLabelsOrDefault(POD_UID, ""));
    return all.stream().filter(c -> c.getLabelsOrDefault(POD_UID, "").equals(newestUid.orElse(""))).sorted(order).toList();
  }

  /** The pod's ready sandbox (the newest if several), if any. */
  Optional<PodSandbox> readySandbox(String namespace, String pod, String uid) {
    PodSandboxFilter.Builder f = PodSandboxFilter.newBuilder()
        .setState(PodSandboxStateValue.newBuilder().setState(PodSandboxState.SANDBOX_READY))
        .putLabelSelector(POD_NAMESPACE, namespace).putLabelSelector(POD_NAME, pod);
    if (uid != null) f.putLabelSelector(POD_UID, uid);
    return cri.listPodSandbox(f.build()).stream().max(Comparator.comparingLong(PodSandbox::getCreatedAt));
  }
}
