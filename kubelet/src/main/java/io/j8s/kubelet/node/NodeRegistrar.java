package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Registers the Node (upstream's registerWithAPIServer): create it; when it already exists, take
 * it over and set the default labels to this kubelet's values.
 */
public final class NodeRegistrar {
  private final KubernetesClient client;
  private final NodeFacts facts;

  public NodeRegistrar(KubernetesClient client, NodeFacts facts) {
    this.client = client;
    this.facts = facts;
  }

  /** One attempt; returns the Node as stored. Throws on API errors (the caller retries). */
  public Node register() {
    try {
      return client.nodes().resource(NodeManifest.initial(facts)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
    Node existing = client.nodes().withName(facts.nodeName()).get();
    if (existing == null) throw new IllegalStateException("Node " + facts.nodeName() + " was deleted while it was being registered");
    Node reconciled = NodeManifest.reconcile(existing, facts);
    return reconciled == null ? existing : client.nodes().resource(reconciled).update();
  }
}
