package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The Node object a kubelet registers, and how it reconciles an existing one (upstream's default labels). Pure. */
public final class NodeManifest {
  static final String ATTACH_DETACH = "volumes.kubernetes.io/controller-managed-attach-detach";

  private NodeManifest() {}

  /** Upstream's default labels: hostname, os, arch and their beta twins. */
  public static Map<String, String> defaultLabels(NodeFacts f) {
    Map<String, String> m = new TreeMap<>();
    m.put("kubernetes.io/hostname", f.hostname());
    m.put("kubernetes.io/os", f.os());
    m.put("kubernetes.io/arch", f.arch());
    m.put("beta.kubernetes.io/os", f.os());
    m.put("beta.kubernetes.io/arch", f.arch());
    return m;
  }

  /** The Node to create: name, default labels, the attach-detach annotation; status comes with the first status post. */
  public static Node initial(NodeFacts f) {
    return new NodeBuilder().withNewMetadata().withName(f.nodeName()).withLabels(defaultLabels(f))
        .withAnnotations(Map.of(ATTACH_DETACH, "true")).endMetadata().withNewSpec().endSpec().build();
  }

  /**
   * An existing Node with the default labels set to this kubelet's values (other labels kept),
   * or null when nothing needs changing.
   */
  public static Node reconcile(Node existing, NodeFacts f) {
    Map<String, String> labels = new LinkedHashMap<>(existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels());
    boolean changed = false;
    for (var e : defaultLabels(f).entrySet()) {
      if (!e.getValue().equals(labels.put(e.getKey(), e.getValue()))) changed = true;
    }
    if (!changed) return null;
    Node copy = new NodeBuilder(existing).build();
    copy.getMetadata().setLabels(labels);
    return copy;
  }
}
