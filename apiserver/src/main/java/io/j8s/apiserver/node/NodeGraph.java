package io.j8s.apiserver.node;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pods each node runs, with their references: what the node decisions read. */
public interface NodeGraph {
  /** The pods bound to {@code node}. */
  Collection<PodRefs> podsOn(String node);

  /** One pod by namespace and name. */
  Optional<PodRefs> pod(String namespace, String name);

  /** A fixed graph of the given pods (tests, and snapshots). */
  static NodeGraph of(List<PodRefs> pods) {
    Map<String, List<PodRefs>> byNode = new HashMap<>();
    Map<String, PodRefs> byKey = new HashMap<>();
    for (PodRefs p : pods) {
      if (!p.nodeName().isEmpty()) byNode.computeIfAbsent(p.nodeName(), k -> new java.util.ArrayList<>()).add(p);
      byKey.put(p.namespace() + "/" + p.name(), p);
    }
    return new NodeGraph() {
      @Override public Collection<PodRefs> podsOn(String node) { return byNode.getOrDefault(node, List.of()); }

      @Override public Optional<PodRefs> pod(String namespace, String name) { return Optional.ofNullable(byKey.get(namespace + "/" + name)); }
    };
  }
}
