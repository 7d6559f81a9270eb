package io.j8s.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/** A pod bound to a node: whether its Ready condition is True, whether it is already being deleted, its tolerations. */
public record PodView(String namespace, String name, String node, boolean ready, boolean deleting, List<Toleration> tolerations) {
  public PodView {
    tolerations = List.copyOf(tolerations);
  }

  public String key() { return namespace + "/" + name; }
}
