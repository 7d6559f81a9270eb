package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.pki.ClusterPki;
import io.j8s.base.process.ProcessResult;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RBAC with the real kubectl and real client certificates: alice (group dev) and bob (group
 * ops) get kubeconfigs from the cluster's client CA; the admin (system:masters) binds roles
 * with kubectl's generators. Each test uses its own namespaces.
 */
@Tag("integration")
@WithJ8sServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacIntegrationTest {
  Kubectl admin;
  Kubectl alice;
  Kubectl bob;

  @BeforeAll
  void users(RunningServer server, Kubectl k) throws Exception {
    admin = k;
    Path a = server.dataDir().resolve("alice.yaml");
    Path b = server.dataDir().resolve("bob.yaml");
    ClusterPki.writeUserKubeconfig(server.dataDir(), a, server.url().toString(), "alice", List.of("dev"));
    ClusterPki.writeUserKubeconfig(server.dataDir(), b, server.url().toString(), "bob", List.of("ops"));
    alice = new Kubectl(a);
    bob = new Kubectl(b);
  }

  static void eventually(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s: " + what);
      Thread.sleep(200);
    }
  }

  static boolean can(Kubectl who, String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "auth";
    full[1] = "can-i";
    System.arraycopy(args, 0, full, 2, args.length);
    return who.run(full).stdout().trim().equals("yes");
  }

  @Test
  void editInOneNamespaceIsNothingInAnother() throws Exception {
    admin.ok("create", "namespace", "edit-a");
    admin.ok("create", "namespace", "edit-b");
    admin.ok("-n", "edit-b", "create", "secret", "generic", "pw", "--from-literal=p=s3cret");
    ProcessResult before = alice.run("-n", "edit-a", "get", "deployments");
    assertThat(before.exitCode()).isNotZero();
    assertThat(before.stderr()).contains("Error from server (Forbidden): deployments.apps is forbidden: User \"alice\" cannot list "
        + "resource \"deployments\" in API group \"apps\" in the namespace \"edit-a\"");
    admin.ok("-n", "edit-a", "create", "rolebinding", "alice-edit", "--clusterrole=edit", "--user=alice");
    eventually("edit aggregated and bound", () -> can(alice, "create", "deployments", "-n", "edit-a"));
    assertThat(alice.ok("-n", "edit-a", "create", "deployment", "web", "--image=nginx:1.27")).contains("deployment.apps/web created");
    assertThat(alice.ok("-n", "edit-a", "get", "deployment", "web", "-o", "name")).isEqualTo("deployment.apps/web\n");
    ProcessResult secrets = alice.run("-n", "edit-b", "get", "secrets");
    assertThat(secrets.exitCode()).isNotZero();
    assertThat(secrets.stderr()).contains("Error from server (Forbidden): secrets is forbidden: User \"alice\" cannot list resource "
        + "\"secrets\" in API group \"\" in the namespace \"edit-b\"");
    ProcessResult one = alice.run("-n", "edit-b", "get", "secret", "pw");
    assertThat(one.stderr()).contains("secrets \"pw\" is forbidden: User \"alice\" cannot get resource \"secrets\" in API group \"\" "
        + "in the namespace \"edit-b\"");
    assertThat(alice.run("get", "nodes").stderr()).contains("nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API "
        + "group \"\" at the cluster scope");
    assertThat(admin.ok("-n", "edit-b", "get", "secret", "pw", "-o", "name")).contains("secret/pw");
  }

  @Test
  void viewCannotReadSecrets() throws Exception {
    admin.ok("create", "namespace", "view-a");
    admin.ok("-n", "view-a", "create", "secret", "generic", "pw", "--from-literal=p=s3cret");
    admin.ok("-n", "view-a", "create", "configmap", "cfg", "--from-literal=a=1");
    admin.ok("-n", "view-a", "create", "rolebinding", "bob-view", "--clusterrole=view", "--group=ops");
    eventually("view aggregated and bound", () -> can(bob, "list", "configmaps", "-n", "view-a"));
    assertThat(bob.ok("-n", "view-a", "get", "configmap", "cfg", "-o", "jsonpath={.data.a}")).isEqualTo("1");
    assertThat(bob.run("-n", "view-a", "get", "secrets").stderr()).contains("secrets is forbidden: User \"bob\" cannot list");
    assertThat(bob.run("-n", "view-a", "get", "secret", "pw").stderr()).contains("secrets \"pw\" is forbidden");
    assertThat(bob.run("-n", "view-a", "delete", "configmap", "cfg").stderr()).contains("configmaps \"cfg\" is forbidden: User \"bob\" "
        + "cannot delete resource \"configmaps\"");
    assertThat(can(bob, "get", "secrets", "-n", "view-a")).isFalse();
  }

  @Test
  void canIListShowsTheRules() throws Exception {
    admin.ok("create", "namespace", "list-a");
    admin.ok("-n", "list-a", "create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "--resource-name=p1");
    admin.ok("-n", "list-a", "create", "rolebinding", "alice-pods", "--role=pod-reader", "--user=alice");
    eventually("bound", () -> can(alice, "get", "pods/p1", "-n", "list-a"));
    String out = alice.ok("auth", "can-i", "--list", "-n", "list-a");
    System.out.println("kubectl auth can-i --list (alice, list-a):\n" + out);
    assertThat(out).contains("Resources").contains("Non-Resource URLs").contains("Resource Names").contains("Verbs");
    assertThat(out).containsPattern("pods\\s+\\[\\]\\s+\\[p1\\]\\s+\\[get list\\]");
    assertThat(out).containsPattern("selfsubjectaccessreviews.authorization.k8s.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]");
    assertThat(out).containsPattern("\\[/api/\\*\\]\\s+\\[\\]\\s+\\[get\\]");
    assertThat(can(alice, "get", "pods/p2", "-n", "list-a")).isFalse();
    assertThat(admin.ok("auth", "can-i", "--list")).containsPattern("\\*\\.\\*\\s+\\[\\]\\s+\\[\\]\\s+\\[\\*\\]");
  }

  @Test
  void impersonationAllowedForAdminRefusedForAlice() throws Exception {
    admin.ok("create", "namespace", "as-a");
    admin.ok("-n", "as-a", "create", "rolebinding", "alice-edit", "--clusterrole=edit", "--user=alice");
    eventually("bound", () -> can(admin, "create", "deployments", "-n", "as-a", "--as=alice"));
    assertThat(can(admin, "get", "secrets", "-n", "default", "--as=alice")).isFalse();
    assertThat(can(admin, "get", "secrets", "-n", "default", "--as=alice", "--as-group=system:masters")).isTrue();
    ProcessResult refused = alice.run("auth", "can-i", "get", "pods", "--as=bob");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API "
        + "group \"\" at the cluster scope");
    ProcessResult asAdmin = alice.run("get", "pods", "--as=alice", "--as-group=system:masters");
    assertThat(asAdmin.stderr()).contains("cannot impersonate resource \"users\"");
    assertThat(admin.ok("-n", "as-a", "get", "pods", "--as=alice")).isEmpty();
  }

  @Test
  void aNewAggregateToViewRoleExtendsView() throws Exception {
    admin.ok("create", "namespace", "agg-a");
    admin.ok("-n", "agg-a", "create", "rolebinding", "bob-view", "--clusterrole=view", "--user=bob");
    eventually("bound", () -> can(bob, "list", "pods", "-n", "agg-a"));
    assertThat(can(bob, "list", "leases.coordination.k8s.io", "-n", "agg-a")).isFalse();
    admin.okWithInput("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: lease-viewer
          labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
        rules:
        - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, list, watch]}
        """, "apply", "-f", "-");
    long t0 = System.nanoTime();
    eventually("view extended", () -> can(bob, "list", "leases.coordination.k8s.io", "-n", "agg-a"));
    System.out.printf("aggregation: view extended %d ms after the new role was applied%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(admin.ok("get", "clusterrole", "edit", "-o", "jsonpath={.rules[*].resources}")).contains("leases");
    assertThat(admin.ok("get", "clusterrole", "admin", "-o", "jsonpath={.rules[*].resources}")).contains("leases");
    admin.ok("delete", "clusterrole", "lease-viewer");
    eventually("view shrunk", () -> !can(bob, "list", "leases.coordination.k8s.io", "-n", "agg-a"));
  }

  @Test
  void noEscalationWithoutBind() throws Exception {
    admin.ok("create", "namespace", "esc-a");
    admin.ok("-n", "esc-a", "create", "rolebinding", "alice-admin", "--clusterrole=admin", "--user=alice");
    eventually("bound", () -> can(alice, "create", "rolebindings", "-n", "esc-a"));
    assertThat(alice.ok("-n", "esc-a", "create", "role", "pod-reader", "--verb=get", "--resource=pods")).contains("created");
    assertThat(alice.ok("-n", "esc-a", "create", "rolebinding", "bob-edit", "--clusterrole=edit", "--user=bob")).contains("created");
    ProcessResult self = alice.run("-n", "esc-a", "create", "rolebinding", "self-admin", "--clusterrole=cluster-admin", "--user=alice");
    assertThat(self.exitCode()).isNotZero();
    assertThat(self.stderr()).contains("rolebindings.rbac.authorization.k8s.io \"self-admin\" is forbidden: user \"alice\" "
        + "(groups=[\"dev\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:");
    ProcessResult cluster = alice.run("create", "clusterrolebinding", "self-admin", "--clusterrole=cluster-admin", "--user=alice");
    assertThat(cluster.stderr()).contains("clusterrolebindings.rbac.authorization.k8s.io is forbidden: User \"alice\" cannot create");
    ProcessResult nodes = alice.run("-n", "esc-a", "create", "role", "node-reader", "--verb=get", "--resource=nodes");
    assertThat(nodes.stderr()).contains("is attempting to grant RBAC permissions not currently held")
        .contains("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"get\"]}");
    admin.ok("create", "clusterrole", "bind-cluster-admin", "--verb=bind", "--resource=clusterroles", "--resource-name=cluster-admin");
    admin.ok("-n", "esc-a", "create", "rolebinding", "alice-bind", "--clusterrole=bind-cluster-admin", "--user=alice");
    eventually("bind granted", () -> can(alice, "bind", "clusterroles/cluster-admin", "-n", "esc-a"));
    assertThat(alice.ok("-n", "esc-a", "create", "rolebinding", "self-admin", "--clusterrole=cluster-admin", "--user=alice")).contains("created");
    eventually("alice is admin of esc-a", () -> can(alice, "delete", "secrets", "-n", "esc-a"));
    assertThat(can(alice, "delete", "secrets", "-n", "default")).isFalse();
  }

  @Test
  void reviewsAndDefaultsAreServed() {
    String rs = admin.ok("api-resources", "--api-group=authorization.k8s.io", "-o", "wide");
    assertThat(rs).contains("selfsubjectaccessreviews").contains("selfsubjectrulesreviews").contains("subjectaccessreviews")
        .contains("localsubjectaccessreviews").containsPattern("SelfSubjectAccessReview\\s+create\\s");
    String roles = admin.ok("get", "clusterroles", "-o", "name");
    for (String r : List.of("cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user", "system:public-info-viewer",
        "system:node", "system:kube-controller-manager", "system:kube-scheduler", "system:node-proxier", "system:auth-delegator")) {
      assertThat(roles).contains("clusterrole.rbac.authorization.k8s.io/" + r + "\n");
    }
    assertThat(admin.ok("get", "clusterrolebinding", "system:basic-user", "-o", "jsonpath={.subjects[0].name}")).isEqualTo("system:authenticated");
    assertThat(admin.ok("get", "clusterrole", "system:discovery", "-o", "jsonpath={.metadata.annotations}"))
        .contains("rbac.authorization.kubernetes.io/autoupdate");
    assertThat(admin.okWithInput("""
        apiVersion: authorization.k8s.io/v1
        kind: SubjectAccessReview
        spec:
          user: system:kube-scheduler
          resourceAttributes: {verb: create, resource: pods, subresource: binding, namespace: x}
        """, "create", "-f", "-", "-o", "jsonpath={.status.allowed} {.status.reason}"))
        .isEqualTo("true RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" "
            + "to User \"system:kube-scheduler\"");
    ProcessResult bad = admin.runWithInput("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: bad, namespace: default}
        rules:
        - {apiGroups: [""], resources: [pods]}
        - {verbs: [get], nonResourceURLs: [/x]}
        """, "create", "-f", "-");
    assertThat(bad.stderr()).contains("The Role \"bad\" is invalid")
        .contains("rules[0].verbs: Required value: verbs must contain at least one value")
        .contains("rules[1].nonResourceURLs: Invalid value: []string{\"/x\"}: namespaced rules cannot apply to non-resource URLs");
    ProcessResult badBinding = admin.run("-n", "default", "create", "rolebinding", "x", "--role=r", "--serviceaccount=bad");
    assertThat(badBinding.exitCode()).isNotZero();
  }
}
