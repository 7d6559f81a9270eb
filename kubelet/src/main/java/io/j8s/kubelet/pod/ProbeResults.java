package io.j8s.kubelet.pod;

import java.util.Optional;

/**
 * What the probes say about running containers; the probe manager fills this in. The default
 * ({@link #NO_PROBES}): ready as soon as it runs, never unhealthy. Called while planning and
 * building status, so it must not block. {@code containerId} is the CRI id of the running instance.
 */
@FunctionalInterface
public interface ProbeResults {
  ProbeResults NO_PROBES = (podUid, containerName, containerId) -> true;

  /** Ready as far as probes go (readiness and startup). Asked only for running containers. */
  boolean ready(String podUid, String containerName, String containerId);

  /** Why this running instance must be killed (its liveness or startup probe failed), if it must. */
  default Optional<String> killReason(String podUid, String containerName, String containerId) { return Optional.empty(); }
}
