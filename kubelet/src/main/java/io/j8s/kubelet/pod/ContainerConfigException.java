package io.j8s.kubelet.pod;

/**
 * The container's config cannot be built (a missing ConfigMap or Secret, a bad volume...): the
 * container waits with reason {@code CreateContainerConfigError} and this message, and the pod is
 * synced again after a back-off.
 */
public final class ContainerConfigException extends Exception {
  public ContainerConfigException(String message) { super(message); }

  public ContainerConfigException(String message, Throwable cause) { super(message, cause); }
}
