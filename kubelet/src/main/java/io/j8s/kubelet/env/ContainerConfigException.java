package io.j8s.kubelet.env;

/**
 * A container's configuration cannot be built (upstream's kubelet reports it as the container's waiting reason
 * {@code CreateContainerConfigError} with this message and retries on the next sync). The messages are upstream's:
 * {@code configmap "x" not found}, {@code couldn't find key k in ConfigMap ns/x}.
 */
public final class ContainerConfigException extends Exception {
  /** The waiting reason the pod worker reports. */
  public static final String REASON = "CreateContainerConfigError";

  public ContainerConfigException(String message) {
    super(message);
  }

  public ContainerConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** As the API's NotFound for upstream's kubelet object managers (resource in the singular): {@code configmap "x" not found}. */
  static ContainerConfigException notFound(String resource, String name) {
    return new ContainerConfigException(resource + " \"" + name + "\" not found");
  }

  static ContainerConfigException missingKey(String key, String kind, String namespace, String name) {
    return new ContainerConfigException("couldn't find key " + key + " in " + kind + " " + namespace + "/" + name);
  }
}
