package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Work-queue keys as informer stores spell them: {@code namespace/name}, or {@code name} for cluster-scoped objects. */
public final class Keys {
  private Keys() {}

  public static String of(HasMetadata o) {
    return of(o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  public static String of(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The namespace part, or null for a cluster-scoped key. */
  public static String namespace(String key) {
    int i = key.indexOf('/');
    return i < 0 ? null : key.substring(0, i);
  }

  public static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
