package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the default policy lets each j8s component identity do: what its job needs, and not what
 * it has no business with (no component is cluster-admin).
 */
class ComponentPolicyTest {
  static final Authorizer AUTHZ = authorizer();

  static Authorizer authorizer() {
    PolicyIndex index = new PolicyIndex();
    for (ObjectNode r : BootstrapPolicy.clusterRoles()) index.putRole("", r.path("metadata").path("name").asText(), r);
    for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) index.putBinding("", b.path("metadata").path("name").asText(), b);
    return new Authorizer(new RbacPolicy(index));
  }

  static UserInfo user(String name) { return new UserInfo(name, List.of(UserInfo.AUTHENTICATED)); }

  /** "verb group/resource[/sub] [ns]" e.g. "create /pods/binding default", "list apps/deployments". */
  static boolean can(String user, String what) {
    String[] f = what.split(" ");
    String[] gr = f[1].split("/", 3);
    Attributes a = Attributes.resource(user(user), f[0], gr[0], gr[1], gr.length > 2 ? gr[2] : "", f.length > 2 ? f[2] : "", "");
    return AUTHZ.authorize(a).allowed();
  }

  static void check(String user, List<String> allowed, List<String> denied) {
    for (String w : allowed) assertThat(can(user, w)).as(user + " may " + w).isTrue();
    for (String w : denied) assertThat(can(user, w)).as(user + " may not " + w).isFalse();
  }

  static final List<String> NOBODYS_BUSINESS = List.of("get /secrets kube-system", "list /secrets", "delete /namespaces",
      "create rbac.authorization.k8s.io/clusterrolebindings", "impersonate /users", "create /pods/exec default",
      "get /nodes/proxy", "* */*");

  @Test
  void controllerManager() { // (its garbage collector may get and delete any resource, subresources included, as upstream's)
    check("system:kube-controller-manager", List.of(
        "create /pods default", "delete /pods default", "patch /pods default", "update apps/replicasets/status default",
        "patch apps/deployments default", "update apps/deployments/status default", "create apps/controllerrevisions default",
        "update apps/daemonsets/status default", "create discovery.k8s.io/endpointslices default", "update /endpoints default",
        "patch /nodes", "update /nodes/status", "update /pods/status default", "create /serviceaccounts default",
        "update /configmaps default", "update /resourcequotas/status default", "update /services/status default",
        "update rbac.authorization.k8s.io/clusterroles", "escalate rbac.authorization.k8s.io/clusterroles",
        "update certificates.k8s.io/certificatesigningrequests/approval", "update certificates.k8s.io/certificatesigningrequests/status",
        "create authorization.k8s.io/subjectaccessreviews", "delete /namespaces", "update /namespaces/finalize",
        "list /secrets", "watch apps/deployments", "create /events default", "create coordination.k8s.io/leases kube-system"),
        List.of("create rbac.authorization.k8s.io/clusterrolebindings", "create rbac.authorization.k8s.io/rolebindings default",
            "impersonate /users", "create /pods/exec default", "create /nodes",
            "* */*"));
    // its leader election lease (by name: the role's rule is for that lease)
    assertThat(AUTHZ.authorize(Attributes.resource(user("system:kube-controller-manager"), "get", "coordination.k8s.io", "leases", "",
        "kube-system", "j8s-controller-manager")).allowed()).isTrue();
  }

  @Test
  void scheduler() {
    check("system:kube-scheduler", List.of("list /pods", "watch /nodes", "create /pods/binding default", "patch /pods/status default",
        "create /events default"), concat(NOBODYS_BUSINESS, "create /pods default", "update /nodes", "delete /services default"));
  }

  @Test
  void clusterDns() {
    check("system:coredns", List.of("list /services", "watch discovery.k8s.io/endpointslices", "list /pods", "watch /namespaces",
        "list /endpoints"), concat(NOBODYS_BUSINESS, "create /services kube-system", "update discovery.k8s.io/endpointslices kube-system",
        "get /configmaps kube-system"));
    // as kubeadm binds it: the coredns service account has the same role
    check("system:serviceaccount:kube-system:coredns", List.of("list /services"), List.of("get /secrets kube-system"));
  }

  @Test
  void kubeProxy() {
    check("system:kube-proxy", List.of("list /services", "watch discovery.k8s.io/endpointslices", "get /nodes", "create /events default"),
        concat(NOBODYS_BUSINESS, "list /pods", "update /services default"));
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }
}
