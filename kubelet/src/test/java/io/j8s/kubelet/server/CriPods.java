package io.j8s.kubelet.server;

import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.images.LocalImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Pods made directly through CRI with the kubelet's labels and log paths, standing in for the pod manager in tests. */
record CriPods(CriRuntime cri, Path agentDir, String cgroupParent) {

  record Sandbox(String id, PodSandboxConfig config) {}

  Sandbox sandbox(String ns, String name, String uid) {
    Path logDir = agentDir.resolve("logs/pods").resolve(ns + "_" + name + "_" + uid);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PodSandboxConfig c = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace(ns).setUid(uid).setAttempt(0))
        .setHostname(name).setLogDirectory(logDir.toString())
        .putLabels(ContainerLocator.POD_NAME, name).putLabels(ContainerLocator.POD_NAMESPACE, ns).putLabels(ContainerLocator.POD_UID, uid)
        .setLinux(LinuxPodSandboxConfig.newBuilder().setCgroupParent(cgroupParent))
        .build();
    return new Sandbox(cri.runPodSandbox(c), c);
  }

  /** Creates and starts busybox running {@code script} as attempt {@code attempt} of container {@code name}. */
  String start(Sandbox s, String name, int attempt, String script) {
    var m = s.config().getMetadata();
    ContainerConfig c = ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name).setAttempt(attempt))
        .setImage(ImageSpec.newBuilder().setImage(LocalImages.BUSYBOX))
        .addAllCommand(List.of("sh", "-c", script))
        .setLogPath(name + "/" + attempt + ".log")
        .setStdin(true)
        .putLabels(ContainerLocator.POD_NAME, m.getName()).putLabels(ContainerLocator.POD_NAMESPACE, m.getNamespace())
        .putLabels(ContainerLocator.POD_UID, m.getUid()).putLabels(ContainerLocator.CONTAINER_NAME, name)
        .putAnnotations("io.kubernetes.container.restartCount", String.valueOf(attempt))
        .build();
    String id = cri.createContainer(s.id(), c, s.config());
    cri.startContainer(id);
    return id;
  }
}
