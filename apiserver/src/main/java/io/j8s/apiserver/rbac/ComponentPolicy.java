package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles of the controllers j8s runs, after upstream's controller bootstrap policy (one
 * {@code system:controller:<name>} ClusterRole each, written from its documented content), and of
 * the cluster DNS ({@code system:coredns}, as kubeadm and k3s install it).
 *
 * <p>Upstream binds each controller role to the service account {@code kube-system/<name>} that its
 * controller runs as (kube-controller-manager's {@code --use-service-account-credentials}). j8s's
 * controllers share the controller manager's client, so each binding also names the user
 * {@code system:kube-controller-manager}: the controller manager holds exactly the union of the
 * roles of the controllers it runs, and nothing else (no cluster-admin).
 */
final class ComponentPolicy {
  static final String CONTROLLER_PREFIX = "system:controller:";
  static final String CONTROLLER_MANAGER = "system:kube-controller-manager";
  static final String COREDNS = "system:coredns";
  private static final List<String> READ = BootstrapPolicy.READ;

  private ComponentPolicy() {}

  private static Rule r(List<String> verbs, String group, String... resources) { return Rule.resources(verbs, List.of(group), List.of(resources)); }

  private static Rule r(List<String> verbs, List<String> groups, String... resources) { return Rule.resources(verbs, groups, List.of(resources)); }

  private static List<String> v(String... verbs) { return List.of(verbs); }

  private static Rule events() { return r(v("create", "update", "patch"), List.of("", "events.k8s.io"), "events"); }

  /** Controller name (without the prefix) to its rules. */
  static Map<String, List<Rule>> controllers() {
    Map<String, List<Rule>> m = new LinkedHashMap<>();
    m.put("clusterrole-aggregation-controller", List.of(
        r(v("escalate", "get", "list", "patch", "update", "watch"), "rbac.authorization.k8s.io", "clusterroles")));
    m.put("certificate-controller", List.of(
        r(v("delete", "get", "list", "watch"), "certificates.k8s.io", "certificatesigningrequests"),
        r(v("update"), "certificates.k8s.io", "certificatesigningrequests/status", "certificatesigningrequests/approval"),
        r(v("approve"), "certificates.k8s.io", "signers").withNames(List.of("kubernetes.io/kube-apiserver-client-kubelet")),
        r(v("sign"), "certificates.k8s.io", "signers").withNames(List.of("kubernetes.io/legacy-unknown",
            "kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving")),
        r(v("create"), "authorization.k8s.io", "subjectaccessreviews"),
        events()));
    m.put("daemon-set-controller", List.of(
        r(READ, List.of("extensions", "apps"), "daemonsets"),
        r(v("update"), List.of("extensions", "apps"), "daemonsets/status", "daemonsets/finalizers"),
        r(v("list", "watch"), "", "nodes"),
        r(v("list", "watch", "create", "delete", "patch"), "", "pods"),
        r(v("create"), "", "pods/binding"),
        r(v("get", "list", "watch", "create", "delete", "update", "patch"), "apps", "controllerrevisions"),
        events()));
    m.put("deployment-controller", List.of(
        r(v("get", "list", "watch", "update", "patch"), List.of("extensions", "apps"), "deployments"),
        r(v("update"), List.of("extensions", "apps"), "deployments/status", "deployments/finalizers"),
        r(v("get", "list", "watch", "create", "update", "patch", "delete"), List.of("extensions", "apps"), "replicasets"),
        r(v("get", "list", "update", "watch"), "", "pods"),
        events()));
    m.put("replicaset-controller", List.of(
        r(v("get", "list", "watch", "update"), List.of("extensions", "apps"), "replicasets"),
        r(v("update"), List.of("extensions", "apps"), "replicasets/status", "replicasets/finalizers"),
        r(v("list", "watch", "patch", "create", "delete"), "", "pods"),
        events()));
    m.put("endpoint-controller", List.of(
        r(READ, "", "services", "pods"),
        r(v("get", "list", "create", "update", "delete"), "", "endpoints"),
        r(v("create"), "", "endpoints/restricted"),
        events()));
    m.put("endpointslice-controller", List.of(
        r(READ, "", "services", "pods", "nodes"),
        r(v("update"), "", "services/finalizers"),
        r(v("get", "list", "create", "update", "delete"), "discovery.k8s.io", "endpointslices"),
        events()));
    m.put("node-controller", List.of(
        r(v("get", "list", "update", "delete", "patch"), "", "nodes"),
        r(v("patch", "update"), "", "nodes/status"),
        r(v("update"), "", "pods/status"),
        r(v("get", "list", "delete"), "", "pods"),
        events()));
    m.put("service-account-controller", List.of(r(v("create"), "", "serviceaccounts"), events()));
    m.put("root-ca-cert-publisher", List.of(r(v("create", "update"), "", "configmaps"), events()));
    m.put("resourcequota-controller", List.of(
        r(v("list", "watch"), "*", "*"),
        r(v("get"), "", "resourcequotas"),
        r(v("update"), "", "resourcequotas/status"),
        events()));
    m.put("service-controller", List.of(
        r(READ, "", "services"),
        r(v("patch", "update"), "", "services/status"),
        r(v("list", "watch"), "", "nodes"),
        events()));
    m.put("generic-garbage-collector", List.of(r(v("get", "list", "watch", "patch", "update", "delete"), "*", "*")));
    m.put("namespace-controller", List.of(
        r(v("get", "list", "watch", "delete"), "", "namespaces"),
        r(v("update"), "", "namespaces/finalize", "namespaces/status"),
        r(v("get", "list", "delete", "deletecollection"), "*", "*")));
    return m;
  }

  static List<ObjectNode> clusterRoles() {
    List<ObjectNode> out = new ArrayList<>();
    controllers().forEach((name, rules) -> out.add(BootstrapPolicy.role(CONTROLLER_PREFIX + name, Map.of(), rules)));
    out.add(BootstrapPolicy.role(COREDNS, Map.of(), List.of(
        r(v("list", "watch"), "", "endpoints", "services", "pods", "namespaces"),
        r(v("list", "watch"), "discovery.k8s.io", "endpointslices"),
        r(v("get"), "", "nodes"))));
    return out;
  }

  static List<ObjectNode> clusterRoleBindings() {
    List<ObjectNode> out = new ArrayList<>();
    for (String name : controllers().keySet()) {
      out.add(BootstrapPolicy.binding(CONTROLLER_PREFIX + name, "ServiceAccount", "kube-system/" + name, "User", CONTROLLER_MANAGER));
    }
    out.add(BootstrapPolicy.binding(COREDNS, "ServiceAccount", "kube-system/coredns", "User", COREDNS));
    return out;
  }
}
