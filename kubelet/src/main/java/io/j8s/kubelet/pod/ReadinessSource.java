package io.j8s.kubelet.pod;

/**
 * Whether a running container is ready; the probe manager fills this in. The default (no probes
 * yet): ready as soon as it runs. Called while building status, so it must not block.
 */
@FunctionalInterface
public interface ReadinessSource {
  ReadinessSource RUNNING_IS_READY = (podUid, containerName, containerId) -> true;

  /** Asked only for containers that are running; {@code containerId} is the CRI id of the running instance. */
  boolean ready(String podUid, String containerName, String containerId);
}
