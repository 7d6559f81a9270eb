package io.j8s.apiserver.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.auth.NodeIdentity;
import io.j8s.apiserver.auth.UserInfo;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.rest.WriteGuard;
import java.util.Optional;

/**
 * Upstream's NodeRestriction admission for what only the body shows: a node may create or
 * change only the Node and the kube-node-lease Lease named after it, and create only mirror
 * pods (annotation {@code kubernetes.io/config.mirror}) bound to itself that use no secrets,
 * configmaps, PVCs or service account.
 */
public final class NodeRestriction implements WriteGuard {
  public static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  @Override
  public void check(UserInfo user, ResourceType t, String ns, ObjectNode next, ObjectNode old) {
    Optional<String> node = NodeIdentity.nodeName(user);
    if (node.isEmpty()) return;
    String problem = problem(node.get(), t.group(), t.plural(), next, old);
    if (problem != null) {
      String name = next.path("metadata").path("name").asText("");
      String qualified = t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
      throw ApiException.forbidden(qualified + " \"" + name + "\" is forbidden: " + problem, t.group(), t.plural(), name);
    }
  }

  /** Pure: why node {@code node} may not write {@code next} (old: null on create), or null. */
  public static String problem(String node, String group, String plural, ObjectNode next, ObjectNode old) {
    String name = next.path("metadata").path("name").asText("");
    switch (group + "/" + plural) {
      case "/nodes" -> {
        if (!name.equals(node)) return "node \"" + node + "\" is not allowed to modify node \"" + name + "\"";
      }
      case "coordination.k8s.io/leases" -> {
        if (!name.equals(node)) return "can only access node lease with the same name as the requesting node";
      }
      case "/pods" -> {
        if (old != null) return "node \"" + node + "\" can only update pod status";
        if (next.path("metadata").path("annotations").path(MIRROR_ANNOTATION).isMissingNode()) {
          return "pod does not have \"" + MIRROR_ANNOTATION + "\" annotation, node \"" + node + "\" can only create mirror pods";
        }
        String bound = next.path("spec").path("nodeName").asText("");
        if (!bound.equals(node)) return "node \"" + node + "\" can only create pods with spec.nodeName set to itself";
        PodRefs refs = PodRefs.of(next);
        if (!refs.secrets().isEmpty() || !refs.configMaps().isEmpty() || !refs.claims().isEmpty()) {
          return "node \"" + node + "\" can not create pods that reference secrets, configmaps or persistentvolumeclaims";
        }
        if (!next.path("spec").path("serviceAccountName").asText("").isEmpty()
            || !next.path("spec").path("serviceAccount").asText("").isEmpty()) return "node \"" + node + "\" can not create pods that reference a service account";
      }
      default -> { }
    }
    return null;
  }
}
