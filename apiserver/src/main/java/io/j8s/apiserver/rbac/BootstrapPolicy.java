package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default ClusterRoles and ClusterRoleBindings every cluster starts with, after upstream's
 * bootstrappolicy (written from its documented content, not copied): cluster-admin; admin,
 * edit and view filled by aggregation from the {@code system:aggregate-to-*} roles (view
 * aggregates into edit, edit into admin); discovery, basic-user and public-info-viewer for
 * everyone; and the roles of the node, controller manager, scheduler and kube-proxy, and of
 * each controller and the cluster DNS ({@link ComponentPolicy}).
 */
public final class BootstrapPolicy {
  public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
  public static final String AGGREGATE_PREFIX = "rbac.authorization.k8s.io/aggregate-to-";
  static final List<String> READ = List.of("get", "list", "watch");
  static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
  static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "delete", "deletecollection", "patch", "update");

  private BootstrapPolicy() {}

  private static Rule r(List<String> verbs, String group, String... resources) { return Rule.resources(verbs, List.of(group), List.of(resources)); }

  private static Rule r(List<String> verbs, List<String> groups, String... resources) { return Rule.resources(verbs, groups, List.of(resources)); }

  private static List<String> v(String... verbs) { return List.of(verbs); }

  private static Rule events() { return r(v("create", "update", "patch"), List.of("", "events.k8s.io"), "events"); }

  /** The default ClusterRoles, in upstream's order. */
  public static List<ObjectNode> clusterRoles() {
    List<ObjectNode> out = new ArrayList<>();
    out.add(role("cluster-admin", Map.of(), List.of(r(v("*"), "*", "*"), Rule.urls(v("*"), List.of("*")))));
    out.add(role("system:discovery", Map.of(), List.of(Rule.urls(v("get"), List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz",
        "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/")))));
    out.add(role("system:monitoring", Map.of(), List.of(Rule.urls(v("get"), List.of("/healthz", "/healthz/*", "/livez", "/livez/*",
        "/metrics", "/metrics/slis", "/readyz", "/readyz/*")))));
    out.add(role("system:basic-user", Map.of(), List.of(r(v("create"), "authorization.k8s.io", "selfsubjectaccessreviews",
        "selfsubjectrulesreviews"), r(v("create"), "authentication.k8s.io", "selfsubjectreviews"))));
    out.add(role("system:public-info-viewer", Map.of(), List.of(Rule.urls(v("get"), List.of("/healthz", "/livez", "/readyz", "/version",
        "/version/")))));
    out.add(role("system:service-account-issuer-discovery", Map.of(), List.of(Rule.urls(v("get"),
        List.of("/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/")))));
    out.add(aggregated("admin", Map.of(), "admin"));
    out.add(aggregated("edit", Map.of(AGGREGATE_PREFIX + "admin", "true"), "edit"));
    out.add(aggregated("view", Map.of(AGGREGATE_PREFIX + "edit", "true"), "view"));
    out.add(role("system:aggregate-to-admin", Map.of(AGGREGATE_PREFIX + "admin", "true"), List.of(
        r(v("create"), "authorization.k8s.io", "localsubjectaccessreviews"),
        r(READ_WRITE, "rbac.authorization.k8s.io", "rolebindings", "roles"))));
    out.add(role("system:aggregate-to-edit", Map.of(AGGREGATE_PREFIX + "edit", "true"), editRules()));
    out.add(role("system:aggregate-to-view", Map.of(AGGREGATE_PREFIX + "view", "true"), viewRules()));
    out.add(role("system:auth-delegator", Map.of(), List.of(r(v("create"), "authentication.k8s.io", "tokenreviews"),
        r(v("create"), "authorization.k8s.io", "subjectaccessreviews"))));
    out.add(role("system:node", Map.of(), nodeRules()));
    out.add(role("system:node-bootstrapper", Map.of(), List.of(
        r(v("create", "get", "list", "watch"), "certificates.k8s.io", "certificatesigningrequests"))));
    out.add(role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", Map.of(), List.of(
        r(v("create"), "certificates.k8s.io", "certificatesigningrequests/nodeclient"))));
    out.add(role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", Map.of(), List.of(
        r(v("create"), "certificates.k8s.io", "certificatesigningrequests/selfnodeclient"))));
    out.add(role("system:node-proxier", Map.of(), List.of(r(v("list", "watch"), "", "services", "endpoints"), r(READ, "", "nodes"),
        r(v("list", "watch"), "discovery.k8s.io", "endpointslices"), events())));
    // the agents' NetworkPolicy enforcement (as k3s's system:k3s-controller): the policies, the pods and the namespaces' labels
    out.add(role("j8s:network-policy", Map.of(), List.of(r(v("list", "watch"), "", "namespaces", "pods"),
        r(v("list", "watch"), "networking.k8s.io", "networkpolicies"))));
    out.add(role("system:kube-controller-manager", Map.of(), List.of(events(),
        r(v("create"), "coordination.k8s.io", "leases"),
        r(v("get", "update"), "coordination.k8s.io", "leases").withNames(List.of("kube-controller-manager", "j8s-controller-manager")),
        r(v("create"), "", "secrets", "serviceaccounts"),
        r(v("delete"), "", "secrets"),
        r(v("get"), "", "configmaps", "namespaces", "secrets", "serviceaccounts"),
        r(v("update"), "", "secrets", "serviceaccounts"),
        r(v("create"), "authentication.k8s.io", "tokenreviews"),
        r(v("create"), "authorization.k8s.io", "subjectaccessreviews"),
        r(v("list", "watch"), "*", "*"),
        r(v("create"), "", "serviceaccounts/token"))));
    out.add(role("system:kube-scheduler", Map.of(), List.of(events(),
        r(v("create"), "coordination.k8s.io", "leases"),
        r(v("get", "update"), "coordination.k8s.io", "leases").withNames(List.of("kube-scheduler")),
        r(v("create"), "", "endpoints"),
        r(v("get", "update"), "", "endpoints").withNames(List.of("kube-scheduler")),
        r(READ, "", "nodes"),
        r(READ, "", "pods"),
        r(v("delete"), "", "pods"),
        r(v("create"), "", "pods/binding", "bindings"),
        r(v("patch", "update"), "", "pods/status"),
        r(READ, "", "replicationcontrollers", "services"),
        r(READ, List.of("apps", "extensions"), "replicasets"),
        r(READ, "apps", "statefulsets"),
        r(READ, "policy", "poddisruptionbudgets"),
        r(READ, "", "persistentvolumeclaims", "persistentvolumes"),
        r(v("create"), "authentication.k8s.io", "tokenreviews"),
        r(v("create"), "authorization.k8s.io", "subjectaccessreviews"),
        r(READ, "storage.k8s.io", "csinodes"),
        r(READ, "", "namespaces"),
        r(READ, "storage.k8s.io", "csidrivers", "csistoragecapacities"))));
    out.addAll(ComponentPolicy.clusterRoles());
    return out;
  }

  private static List<Rule> nodeRules() {
    return List.of(
        r(v("create"), "authentication.k8s.io", "tokenreviews"),
        r(v("create"), "authorization.k8s.io", "subjectaccessreviews", "localsubjectaccessreviews"),
        r(READ, "", "services"),
        r(v("create", "get", "list", "watch"), "", "nodes"),
        r(v("update", "patch"), "", "nodes/status"),
        r(v("update", "patch"), "", "nodes"),
        r(v("create", "update", "patch"), "", "events"),
        r(READ, "", "pods"),
        r(v("create", "delete"), "", "pods"),
        r(v("update", "patch"), "", "pods/status"),
        r(v("create"), "", "pods/eviction"),
        r(v("get"), "", "secrets", "configmaps"),
        r(v("get"), "", "persistentvolumeclaims", "persistentvolumes"),
        r(v("update", "patch"), "", "persistentvolumeclaims/status"),
        r(v("get", "create", "update", "patch", "delete"), "coordination.k8s.io", "leases"),
        r(v("create"), "", "serviceaccounts/token"),
        r(READ, "node.k8s.io", "runtimeclasses"),
        r(READ, "storage.k8s.io", "csidrivers", "volumeattachments"),
        r(v("get", "create", "update", "patch", "delete"), "storage.k8s.io", "csinodes"),
        r(v("create", "get", "list", "watch"), "certificates.k8s.io", "certificatesigningrequests"),
        r(READ, "discovery.k8s.io", "endpointslices"));
  }

  private static List<Rule> editRules() {
    return List.of(
        r(v("impersonate"), "", "serviceaccounts"),
        r(WRITE, "", "pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
        r(v("create"), "", "pods/eviction"),
        r(WRITE, "", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
            "persistentvolumeclaims", "configmaps", "secrets", "events"),
        r(v("create"), "", "serviceaccounts/token"),
        r(WRITE, "apps", "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
            "deployments/rollback", "replicasets", "replicasets/scale"),
        r(WRITE, "autoscaling", "horizontalpodautoscalers"),
        r(WRITE, "batch", "jobs", "cronjobs"),
        r(WRITE, "extensions", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses",
            "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"),
        r(WRITE, "policy", "poddisruptionbudgets"),
        r(WRITE, "networking.k8s.io", "networkpolicies", "ingresses"),
        r(READ, "", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"));
  }

  private static List<Rule> viewRules() {
    return List.of(
        r(READ, "", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
            "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"),
        r(READ, "", "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status",
            "namespaces/status", "replicationcontrollers/status", "pods/log"),
        r(READ, "", "namespaces"),
        r(READ, "discovery.k8s.io", "endpointslices"),
        r(READ, "apps", "controllerrevisions", "statefulsets", "statefulsets/scale", "statefulsets/status", "daemonsets",
            "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
            "replicasets/status"),
        r(READ, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        r(READ, "batch", "jobs", "cronjobs", "cronjobs/status", "jobs/status"),
        r(READ, "extensions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
            "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status",
            "replicationcontrollers/scale", "networkpolicies"),
        r(READ, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        r(READ, "networking.k8s.io", "ingresses", "ingresses/status", "networkpolicies"));
  }

  /** The default ClusterRoleBindings: role name and subjects (kind, name). */
  public static List<ObjectNode> clusterRoleBindings() {
    List<ObjectNode> out = new ArrayList<>();
    out.add(binding("cluster-admin", "Group", "system:masters"));
    out.add(binding("system:monitoring", "Group", "system:monitoring"));
    out.add(binding("system:discovery", "Group", "system:authenticated"));
    out.add(binding("system:basic-user", "Group", "system:authenticated"));
    out.add(binding("system:public-info-viewer", "Group", "system:authenticated", "Group", "system:unauthenticated"));
    out.add(binding("system:service-account-issuer-discovery", "Group", "system:serviceaccounts"));
    out.add(binding("system:node"));
    out.add(binding("system:node-proxier", "User", "system:kube-proxy"));
    out.add(binding("j8s:network-policy", "Group", "system:nodes"));
    // node TLS bootstrap, as kubeadm and k3s bind it: the join token's group may ask for node
    // client certificates, which are auto-approved; nodes may renew their own
    out.add(named("j8s:kubelet-bootstrap", "system:node-bootstrapper", "Group", "system:bootstrappers"));
    out.add(named("j8s:node-autoapprove-bootstrap", "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
        "Group", "system:bootstrappers"));
    out.add(named("j8s:node-autoapprove-certificate-rotation", "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
        "Group", "system:nodes"));
    out.add(binding("system:kube-controller-manager", "User", "system:kube-controller-manager"));
    out.add(binding("system:kube-scheduler", "User", "system:kube-scheduler"));
    out.addAll(ComponentPolicy.clusterRoleBindings());
    return out;
  }

  private static ObjectNode meta(ObjectNode o, String kind, String name, Map<String, String> labels) {
    o.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", kind);
    ObjectNode m = o.putObject("metadata").put("name", name);
    ObjectNode l = m.putObject("labels");
    l.put("kubernetes.io/bootstrapping", "rbac-defaults");
    new java.util.TreeMap<>(labels).forEach(l::put);
    m.putObject("annotations").put(AUTOUPDATE, "true");
    return o;
  }

  static ObjectNode role(String name, Map<String, String> labels, List<Rule> rules) {
    ObjectNode o = meta(JsonNodeFactory.instance.objectNode(), "ClusterRole", name, labels);
    ArrayNode a = o.putArray("rules");
    rules.forEach(r -> a.add(r.toJson()));
    return o;
  }

  private static ObjectNode aggregated(String name, Map<String, String> labels, String selects) {
    ObjectNode o = meta(JsonNodeFactory.instance.objectNode(), "ClusterRole", name, labels);
    o.putObject("aggregationRule").putArray("clusterRoleSelectors").addObject().putObject("matchLabels")
        .put(AGGREGATE_PREFIX + selects, "true");
    o.putArray("rules");
    return o;
  }

  static ObjectNode binding(String role, String... subjects) {
    return named(role, role, subjects);
  }

  private static ObjectNode named(String name, String role, String... subjects) {
    ObjectNode o = meta(JsonNodeFactory.instance.objectNode(), "ClusterRoleBinding", name, Map.of());
    o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", role);
    ArrayNode s = o.putArray("subjects");
    for (int i = 0; i < subjects.length; i += 2) {
      if (subjects[i].equals("ServiceAccount")) { // given as "<namespace>/<name>"
        String[] nsName = subjects[i + 1].split("/", 2);
        s.addObject().put("kind", "ServiceAccount").put("name", nsName[1]).put("namespace", nsName[0]);
      } else {
        s.addObject().put("apiGroup", "rbac.authorization.k8s.io").put("kind", subjects[i]).put("name", subjects[i + 1]);
      }
    }
    return o;
  }
}
