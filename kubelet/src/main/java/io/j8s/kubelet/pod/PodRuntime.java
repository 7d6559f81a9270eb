package io.j8s.kubelet.pod;

import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The CRI calls the pod worker makes (a subset of {@link CriRuntime}), as an interface so that a
 * simulation can put a model of the runtime behind it. Errors are {@link io.j8s.kubelet.cri.CriException}s.
 */
public interface PodRuntime {
  List<PodSandbox> listPodSandbox(PodSandboxFilter filter);

  PodSandboxStatus podSandboxStatus(String id);

  String runPodSandbox(PodSandboxConfig config);

  void stopPodSandbox(String id);

  void removePodSandbox(String id);

  List<Container> listContainers(ContainerFilter filter);

  ContainerStatus containerStatus(String id);

  String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig);

  void startContainer(String id);

  void stopContainer(String id, Duration grace);

  void removeContainer(String id);

  boolean imagePresent(String image);

  /** Pulls the image; returns its reference. */
  String pullImage(String image);

  /**
   * Why pods that need the pod network cannot get a sandbox now, in upstream's words ("container
   * runtime network not ready: NetworkReady=false reason:... message:..."), or empty when the
   * runtime's network is ready. The worker does not call RunPodSandbox for such pods until then.
   */
  default Optional<String> networkNotReady() { return Optional.empty(); }

  /** The real runtime. */
  static PodRuntime of(CriRuntime cri) {
    NetworkReadiness network = new NetworkReadiness(cri::status, System::nanoTime);
    return new PodRuntime() {
      @Override public List<PodSandbox> listPodSandbox(PodSandboxFilter f) { return cri.listPodSandbox(f); }
      @Override public PodSandboxStatus podSandboxStatus(String id) { return cri.podSandboxStatus(id); }
      @Override public String runPodSandbox(PodSandboxConfig c) { return cri.runPodSandbox(c); }
      @Override public void stopPodSandbox(String id) { cri.stopPodSandbox(id); }
      @Override public void removePodSandbox(String id) { cri.removePodSandbox(id); }
      @Override public List<Container> listContainers(ContainerFilter f) { return cri.listContainers(f); }
      @Override public ContainerStatus containerStatus(String id) { return cri.containerStatus(id); }
      @Override public String createContainer(String s, ContainerConfig c, PodSandboxConfig sc) { return cri.createContainer(s, c, sc); }
      @Override public void startContainer(String id) { cri.startContainer(id); }
      @Override public void stopContainer(String id, Duration grace) { cri.stopContainer(id, grace); }
      @Override public void removeContainer(String id) { cri.removeContainer(id); }
      @Override public boolean imagePresent(String image) { return cri.imageStatus(image).isPresent(); }
      @Override public String pullImage(String image) { return cri.pullImage(image); }
      @Override public Optional<String> networkNotReady() { return network.notReady(); }
    };
  }
}
