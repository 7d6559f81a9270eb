package io.j8s.kubelet.env;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * Where the kubelet reads the objects a pod refers to. Empty means the object does not exist; any other failure
 * (API unreachable, forbidden, services not yet listed) is a {@link LookupException} whose message the caller
 * reports as is.
 */
public interface ObjectLookup {
  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);

  /** All services of every namespace (the pod's namespace and {@code default/kubernetes} are picked by the caller). */
  List<Service> services();

  /** A lookup failure other than "not found". */
  final class LookupException extends RuntimeException {
    public LookupException(String message, Throwable cause) {
      super(message, cause);
    }

    public LookupException(String message) {
      super(message);
    }
  }
}
