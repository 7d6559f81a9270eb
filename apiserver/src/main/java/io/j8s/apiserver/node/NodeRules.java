package io.j8s.apiserver.node;

import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Decision;
import java.util.Set;
import java.util.function.Function;

/**
 * The pure decision for a request by node {@code node}, after upstream's Node authorizer with
 * the system:node rules it applies and the name checks of NodeRestriction that the URL already
 * shows. An allowed request is allowed; any other answer is "no opinion" (RBAC decides next,
 * and grants nodes nothing by default), with upstream's reason.
 */
public final class NodeRules {
  static final Set<String> READ = Set.of("get", "list", "watch");
  static final Set<String> WRITE_OWN = Set.of("get", "create", "update", "patch", "delete");
  public static final String LEASE_NAMESPACE = "kube-node-lease";

  private NodeRules() {}

  public static Decision decide(String node, Attributes a, NodeGraph graph) {
    if (!a.resourceRequest()) return no("");
    String gr = a.apiGroup() + "/" + a.resource() + (a.subresource().isEmpty() ? "" : "/" + a.subresource());
    String verb = a.verb();
    return switch (gr) {
      case "/secrets" -> referenced(node, a, graph, "get", PodRefs::secrets, "secret");
      case "/configmaps" -> referenced(node, a, graph, "get", PodRefs::configMaps, "configmap");
      case "/persistentvolumeclaims", "/persistentvolumeclaims/status" ->
          referenced(node, a, graph, a.subresource().isEmpty() ? "get" : null, PodRefs::claims, "persistentvolumeclaim");
      case "/serviceaccounts" -> referenced(node, a, graph, "get", p -> Set.of(p.serviceAccount()), "serviceaccount");
      case "/serviceaccounts/token" -> verb.equals("create")
          ? related(node, a, graph, p -> Set.of(p.serviceAccount()), "serviceaccount") : no("can only create tokens for individual service accounts");
      case "/nodes" -> switch (verb) {
        case "get", "list", "watch", "create" -> yes();
        case "update", "patch", "delete" -> own(node, a, "node");
        default -> no("");
      };
      case "/nodes/status" -> verb.equals("get") || verb.equals("update") || verb.equals("patch") ? own(node, a, "node") : no("");
      case "coordination.k8s.io/leases" -> !WRITE_OWN.contains(verb) ? no("")
          : !a.namespace().equals(LEASE_NAMESPACE) ? no("can only access leases in the " + LEASE_NAMESPACE + " namespace")
          : verb.equals("create") ? yes() : own(node, a, "lease");
      case "/pods" -> switch (verb) {
        case "get", "list", "watch", "create" -> yes();
        case "delete" -> boundPod(node, a, graph);
        default -> no("");
      };
      // reading a status is reading the pod, which nodes may for every pod (kubectl patch --subresource reads first)
      case "/pods/status" -> verb.equals("get") ? yes() : verb.equals("update") || verb.equals("patch") ? boundPod(node, a, graph) : no("");
      case "/pods/eviction" -> verb.equals("create") ? boundPod(node, a, graph) : no("");
      case "/events", "events.k8s.io/events" -> Set.of("create", "update", "patch").contains(verb) ? yes() : no("");
      case "/services", "/endpoints", "discovery.k8s.io/endpointslices", "node.k8s.io/runtimeclasses",
          "storage.k8s.io/csidrivers", "storage.k8s.io/volumeattachments" -> READ.contains(verb) ? yes() : no("");
      case "authentication.k8s.io/tokenreviews", "authorization.k8s.io/subjectaccessreviews",
          "authorization.k8s.io/localsubjectaccessreviews" -> verb.equals("create") ? yes() : no("");
      case "certificates.k8s.io/certificatesigningrequests" -> Set.of("create", "get", "list", "watch").contains(verb) ? yes() : no("");
      default -> no("");
    };
  }

  private static Decision yes() { return Decision.allow(""); }

  private static Decision no(String reason) { return Decision.deny(reason); }

  /** A write to a Node or Lease named after another node. */
  private static Decision own(String node, Attributes a, String kind) {
    if (a.name().isEmpty()) return no("node '" + node + "' can only access its own " + kind + " by name");
    if (a.name().equals(node)) return yes();
    return no("node '" + node + "' cannot modify " + kind + " '" + a.name() + "'");
  }

  private static Decision boundPod(String node, Attributes a, NodeGraph graph) {
    if (a.name().isEmpty()) return no("node '" + node + "' can only access individual pods");
    var pod = graph.pod(a.namespace(), a.name());
    if (pod.isPresent() && pod.get().nodeName().equals(node)) return yes();
    return no("node '" + node + "' can only modify pods bound to it; pod '" + a.namespace() + "/" + a.name() + "' is not");
  }

  /** Only {@code verb} (null: the subresource's update/patch) of a single object used by a pod bound to the node. */
  private static Decision referenced(String node, Attributes a, NodeGraph graph, String verb, Function<PodRefs, Set<String>> refs,
      String kind) {
    boolean ok = verb == null ? a.verb().equals("update") || a.verb().equals("patch") : a.verb().equals(verb);
    if (!ok) return no("can only " + (verb == null ? "update" : verb) + " individual " + kind + "s");
    return related(node, a, graph, refs, kind);
  }

  private static Decision related(String node, Attributes a, NodeGraph graph, Function<PodRefs, Set<String>> refs, String kind) {
    if (a.name().isEmpty() || a.namespace().isEmpty()) return no("can only access individual " + kind + "s");
    for (PodRefs p : graph.podsOn(node)) {
      if (p.namespace().equals(a.namespace()) && refs.apply(p).contains(a.name())) return yes();
    }
    return no("no relationship found between node '" + node + "' and this object");
  }
}
