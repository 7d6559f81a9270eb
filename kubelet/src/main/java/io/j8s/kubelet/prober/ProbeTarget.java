package io.j8s.kubelet.prober;

/** Where a check runs: the container instance (for exec) and the pod's IP (for network checks). */
public record ProbeTarget(String containerId, String podIp) {}
