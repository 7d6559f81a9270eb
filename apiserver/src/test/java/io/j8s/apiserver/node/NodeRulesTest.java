package io.j8s.apiserver.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.auth.Attributes;
import io.j8s.apiserver.auth.Authorizer;
import io.j8s.apiserver.auth.Decision;
import io.j8s.apiserver.auth.NodeIdentity;
import io.j8s.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRulesTest {
  static final UserInfo A = new UserInfo("system:node:a", List.of("system:nodes", "system:authenticated"));
  static final PodRefs ON_A = new PodRefs("ns1", "pa", "a", "sa-a", Set.of("sec-a", "shared"), Set.of("cm-a"), Set.of("pvc-a"));
  static final PodRefs ON_B = new PodRefs("ns1", "pb", "b", "sa-b", Set.of("sec-b", "shared"), Set.of("cm-b"), Set.of("pvc-b"));
  static final PodRefs PENDING = new PodRefs("ns1", "pp", "", "sa-p", Set.of("sec-p"), Set.of(), Set.of());
  static final NodeGraph GRAPH = NodeGraph.of(List.of(ON_A, ON_B, PENDING));

  static Decision as(String verb, String group, String resource, String sub, String ns, String name) {
    return NodeRules.decide("a", Attributes.resource(A, verb, group, resource, sub, ns, name), GRAPH);
  }

  static boolean ok(String verb, String group, String resource, String sub, String ns, String name) {
    return as(verb, group, resource, sub, ns, name).allowed();
  }

  @Test
  void secretsConfigMapsClaimsOnlyThroughTheNodesPods() {
    assertThat(ok("get", "", "secrets", "", "ns1", "sec-a")).isTrue();
    assertThat(ok("get", "", "secrets", "", "ns1", "shared")).isTrue();
    assertThat(ok("get", "", "secrets", "", "ns1", "sec-b")).isFalse();
    assertThat(ok("get", "", "secrets", "", "ns1", "sec-p")).as("a pod bound to no node").isFalse();
    assertThat(ok("get", "", "secrets", "", "ns2", "sec-a")).as("same name, other namespace").isFalse();
    assertThat(ok("list", "", "secrets", "", "ns1", "")).isFalse();
    assertThat(ok("watch", "", "secrets", "", "ns1", "sec-a")).isFalse();
    assertThat(ok("update", "", "secrets", "", "ns1", "sec-a")).isFalse();
    assertThat(ok("get", "", "configmaps", "", "ns1", "cm-a")).isTrue();
    assertThat(ok("get", "", "configmaps", "", "ns1", "cm-b")).isFalse();
    assertThat(ok("get", "", "persistentvolumeclaims", "", "ns1", "pvc-a")).isTrue();
    assertThat(ok("get", "", "persistentvolumeclaims", "", "ns1", "pvc-b")).isFalse();
    assertThat(ok("update", "", "persistentvolumeclaims", "status", "ns1", "pvc-a")).isTrue();
    assertThat(ok("update", "", "persistentvolumeclaims", "status", "ns1", "pvc-b")).isFalse();
    assertThat(as("get", "", "secrets", "", "ns1", "sec-b").reason())
        .isEqualTo("no relationship found between node 'a' and this object");
  }

  @Test
  void serviceAccountsAndTokensOnlyForTheNodesPods() {
    assertThat(ok("create", "", "serviceaccounts", "token", "ns1", "sa-a")).isTrue();
    assertThat(ok("create", "", "serviceaccounts", "token", "ns1", "sa-b")).isFalse();
    assertThat(ok("get", "", "serviceaccounts", "", "ns1", "sa-a")).isTrue();
    assertThat(ok("get", "", "serviceaccounts", "", "ns1", "sa-b")).isFalse();
    assertThat(ok("delete", "", "serviceaccounts", "", "ns1", "sa-a")).isFalse();
  }

  @Test
  void nodesReadAllWriteOwn() {
    for (String v : List.of("get", "list", "watch", "create")) assertThat(ok(v, "", "nodes", "", "", "")).as(v).isTrue();
    for (String v : List.of("update", "patch", "delete")) {
      assertThat(ok(v, "", "nodes", "", "", "a")).as(v).isTrue();
      assertThat(ok(v, "", "nodes", "", "", "b")).as(v).isFalse();
    }
    assertThat(ok("patch", "", "nodes", "status", "", "a")).isTrue();
    assertThat(ok("update", "", "nodes", "status", "", "b")).isFalse();
    assertThat(ok("deletecollection", "", "nodes", "", "", "")).isFalse();
    assertThat(as("patch", "", "nodes", "", "", "b").reason()).isEqualTo("node 'a' cannot modify node 'b'");
  }

  @Test
  void leasesOnlyItsOwnInKubeNodeLease() {
    assertThat(ok("get", "coordination.k8s.io", "leases", "", "kube-node-lease", "a")).isTrue();
    assertThat(ok("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "a")).isTrue();
    assertThat(ok("create", "coordination.k8s.io", "leases", "", "kube-node-lease", "")).isTrue();
    assertThat(ok("update", "coordination.k8s.io", "leases", "", "kube-node-lease", "b")).isFalse();
    assertThat(ok("update", "coordination.k8s.io", "leases", "", "kube-system", "a")).isFalse();
    assertThat(ok("list", "coordination.k8s.io", "leases", "", "kube-node-lease", "")).isFalse();
  }

  @Test
  void podsReadAllStatusAndDeleteOnlyBound() {
    for (String v : List.of("get", "list", "watch")) assertThat(ok(v, "", "pods", "", "", "")).isTrue();
    assertThat(ok("create", "", "pods", "", "ns1", "")).as("mirror pods: the body is checked by NodeRestriction").isTrue();
    assertThat(ok("update", "", "pods", "status", "ns1", "pa")).isTrue();
    assertThat(ok("get", "", "pods", "status", "ns1", "pb")).isTrue();
    assertThat(ok("patch", "", "pods", "status", "ns1", "pa")).isTrue();
    assertThat(ok("update", "", "pods", "status", "ns1", "pb")).isFalse();
    assertThat(ok("update", "", "pods", "status", "ns1", "pp")).isFalse();
    assertThat(ok("update", "", "pods", "status", "ns1", "gone")).isFalse();
    assertThat(ok("delete", "", "pods", "", "ns1", "pa")).isTrue();
    assertThat(ok("delete", "", "pods", "", "ns1", "pb")).isFalse();
    assertThat(ok("update", "", "pods", "", "ns1", "pa")).isFalse();
    assertThat(ok("create", "", "pods", "eviction", "ns1", "pa")).isTrue();
    assertThat(ok("create", "", "pods", "eviction", "ns1", "pb")).isFalse();
    assertThat(ok("get", "", "pods", "exec", "ns1", "pa")).isFalse();
  }

  @Test
  void whatEveryKubeletNeedsAndNothingElse() {
    assertThat(ok("create", "", "events", "", "ns1", "")).isTrue();
    assertThat(ok("patch", "events.k8s.io", "events", "", "ns1", "e")).isTrue();
    assertThat(ok("delete", "", "events", "", "ns1", "e")).isFalse();
    assertThat(ok("list", "", "services", "", "", "")).isTrue();
    assertThat(ok("watch", "", "endpoints", "", "", "")).isTrue();
    assertThat(ok("create", "", "services", "", "ns1", "")).isFalse();
    assertThat(ok("create", "authentication.k8s.io", "tokenreviews", "", "", "")).isTrue();
    assertThat(ok("create", "authorization.k8s.io", "subjectaccessreviews", "", "", "")).isTrue();
    assertThat(ok("create", "certificates.k8s.io", "certificatesigningrequests", "", "", "")).isTrue();
    assertThat(ok("update", "certificates.k8s.io", "certificatesigningrequests", "approval", "", "x")).isFalse();
    assertThat(ok("list", "apps", "deployments", "", "", "")).isFalse();
    assertThat(ok("get", "", "namespaces", "", "", "ns1")).isFalse();
    assertThat(ok("create", "rbac.authorization.k8s.io", "clusterrolebindings", "", "", "")).isFalse();
    assertThat(NodeRules.decide("a", Attributes.nonResource(A, "get", "/metrics"), GRAPH).allowed()).isFalse();
  }

  /** Seeded: over random graphs, a secret is readable exactly when some pod bound to the node in its namespace uses it. */
  @Test
  void randomGraphsAgreeWithTheDefinition() {
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<PodRefs> pods = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        pods.add(new PodRefs("ns" + rnd.nextInt(3), "p" + i, rnd.nextInt(4) == 0 ? "" : "n" + rnd.nextInt(3), "default",
            Set.of("s" + rnd.nextInt(6)), Set.of("c" + rnd.nextInt(6)), Set.of()));
      }
      NodeGraph g = NodeGraph.of(pods);
      for (int q = 0; q < 30; q++) {
        String node = "n" + rnd.nextInt(3);
        String ns = "ns" + rnd.nextInt(3);
        String secret = "s" + rnd.nextInt(6);
        boolean expected = pods.stream().anyMatch(p -> p.nodeName().equals(node) && p.namespace().equals(ns) && p.secrets().contains(secret));
        UserInfo u = new UserInfo(NodeIdentity.NODE_PREFIX + node, List.of(NodeIdentity.NODES));
        assertThat(NodeRules.decide(node, Attributes.resource(u, "get", "", "secrets", "", ns, secret), g).allowed())
            .as("round %d: %s get %s/%s", round, node, ns, secret).isEqualTo(expected);
      }
    }
  }

  @Test
  void theAuthorizerAsksRbacForWhatTheNodeRulesDoNotAllowAndKeepsTheirReason() {
    Authorizer.Policy rbacAllowsNothing = a -> Decision.deny("");
    Authorizer authz = new Authorizer(new NodeAuthorizer(GRAPH, rbacAllowsNothing));
    assertThat(authz.authorize(Attributes.resource(A, "get", "", "secrets", "", "ns1", "sec-a")).allowed()).isTrue();
    Decision no = authz.authorize(Attributes.resource(A, "get", "", "secrets", "", "ns1", "sec-b"));
    assertThat(no.allowed()).isFalse();
    assertThat(Authorizer.forbidden(Attributes.resource(A, "get", "", "secrets", "", "ns1", "sec-b"), no.reason()).getMessage())
        .isEqualTo("secrets \"sec-b\" is forbidden: User \"system:node:a\" cannot get resource \"secrets\" in API group \"\" in the "
            + "namespace \"ns1\": no relationship found between node 'a' and this object");
    Authorizer.Policy rbacAllowsAll = a -> Decision.allow("RBAC");
    assertThat(new NodeAuthorizer(GRAPH, rbacAllowsAll).decide(Attributes.resource(A, "get", "", "secrets", "", "ns1", "sec-b")).allowed())
        .as("an explicit RBAC grant still counts, as upstream's union").isTrue();
    UserInfo notANode = new UserInfo("system:node:a", List.of("system:authenticated"));
    assertThat(new NodeAuthorizer(GRAPH, rbacAllowsNothing).decide(Attributes.resource(notANode, "get", "", "nodes", "", "", "")).allowed())
        .as("the name alone, outside system:nodes, is no node").isFalse();
  }

  @Test
  void podRefsFindEveryReference() throws Exception {
    ObjectNode pod = (ObjectNode) new ObjectMapper().readTree("""
        {"metadata":{"namespace":"ns","name":"p"},
         "spec":{"nodeName":"a","imagePullSecrets":[{"name":"pull"}],
           "volumes":[{"name":"v1","secret":{"secretName":"vs"}},{"name":"v2","configMap":{"name":"vc"}},
             {"name":"v3","persistentVolumeClaim":{"claimName":"claim"}},
             {"name":"v4","projected":{"sources":[{"secret":{"name":"ps"}},{"configMap":{"name":"pc"}},{"serviceAccountToken":{"path":"t"}}]}},
             {"name":"v5","csi":{"driver":"d","nodePublishSecretRef":{"name":"csis"}}}],
           "initContainers":[{"name":"i","envFrom":[{"secretRef":{"name":"ies"}}]}],
           "containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"efc"}}],
             "env":[{"name":"A","valueFrom":{"secretKeyRef":{"name":"eks","key":"k"}}},{"name":"B","valueFrom":{"configMapKeyRef":{"name":"ekc","key":"k"}}}]}],
           "ephemeralContainers":[{"name":"e","env":[{"name":"C","valueFrom":{"secretKeyRef":{"name":"ephs","key":"k"}}}]}]}}
        """);
    PodRefs r = PodRefs.of(pod);
    assertThat(r.nodeName()).isEqualTo("a");
    assertThat(r.serviceAccount()).isEqualTo("default");
    assertThat(r.secrets()).containsExactlyInAnyOrder("pull", "vs", "ps", "csis", "ies", "eks", "ephs");
    assertThat(r.configMaps()).containsExactlyInAnyOrder("vc", "pc", "efc", "ekc");
    assertThat(r.claims()).containsExactly("claim");
  }
}
