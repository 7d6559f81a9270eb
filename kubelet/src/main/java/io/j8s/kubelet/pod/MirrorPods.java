package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.kubelet.pod.StaticPods.MirrorAction;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link StaticPods#plan} through the API (upstream's mirror client): creates mirror pods
 * (reading the Node's uid for the owner reference each time, so a re-registered Node is owner of
 * the next one), deletes outdated or orphaned ones with grace 0 and a uid precondition, and writes
 * the static pod's status to its mirror's status subresource. Failures (the API unreachable) are
 * left to the next sync.
 */
final class MirrorPods {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorPods.class);
  private final KubernetesClient client;
  private final String nodeName;

  MirrorPods(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
  }

  /** Brings the static pod's mirror in line; returns the mirror as written when it wrote one, else null. */
  Pod sync(Pod staticPod, PodStatus status, Pod mirror) {
    String nodeUid = mirror == null ? nodeUid() : null;
    MirrorAction action = StaticPods.plan(staticPod, status, mirror, nodeName, nodeUid);
    String ns = staticPod.getMetadata().getNamespace();
    try {
      switch (action) {
        case MirrorAction.None n -> { return null; }
        case MirrorAction.Create c -> {
          Pod created = client.pods().inNamespace(ns).resource(c.mirror()).create();
          LOG.info("mirror pod {}/{} created", ns, created.getMetadata().getName());
          if (status != null) {
            return client.pods().inNamespace(ns).resource(new PodBuilder(created).withStatus(status).build()).updateStatus();
          }
          return created;
        }
        case MirrorAction.Delete d -> {
          delete(ns, staticPod.getMetadata().getName(), d.uid());
          return null;
        }
        case MirrorAction.WriteStatus w -> {
          return client.pods().inNamespace(ns).resource(new PodBuilder(w.mirror()).withStatus(w.status()).build()).updateStatus();
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) LOG.info("mirror pod {}/{}: {}", ns, staticPod.getMetadata().getName(), e.getMessage());
      return null;
    }
  }

  /** Deletes a mirror for good if it is still the one with this uid. */
  void delete(String namespace, String name, String uid) {
    String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + namespace + "/pods/" + name;
    Map<String, Object> options = Map.of("apiVersion", "v1", "kind", "DeleteOptions", "gracePeriodSeconds", 0,
        "preconditions", Map.of("uid", uid));
    try {
      client.raw(url, "DELETE", options);
      LOG.info("mirror pod {}/{} deleted", namespace, name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) LOG.info("deleting mirror pod {}/{}: {}", namespace, name, e.getMessage());
    }
  }

  private String nodeUid() {
    try {
      Node n = client.nodes().withName(nodeName).get();
      return n == null ? null : n.getMetadata().getUid();
    } catch (KubernetesClientException e) {
      return null;
    }
  }
}
