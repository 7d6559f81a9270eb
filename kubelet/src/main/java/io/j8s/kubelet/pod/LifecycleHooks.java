package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;

/** Runs a container's postStart or preStop handler (exec, httpGet, tcpSocket, sleep); the prober's checks behind a seam. */
@FunctionalInterface
public interface LifecycleHooks {
  /** Hooks are not run (simulations). */
  LifecycleHooks NONE = (pod, container, containerId, podIp, handler, timeout) -> Optional.empty();

  /** Runs the handler within {@code timeout}; empty on success, else why it failed. */
  Optional<String> run(Pod pod, Container container, String containerId, String podIp, LifecycleHandler handler, Duration timeout);
}
