package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real kubectl binary, scripted as a new user would use it, against a j8s API server. */
@Tag("integration")
@WithJ8sServer
class KubectlCompatTest {

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: %s
        labels: {app: %s}
      spec:
        replicas: 2
        selector: {matchLabels: {app: %s}}
        template:
          metadata: {labels: {app: %s}}
          spec:
            containers:
            - name: web
              image: %s
              env:
              - {name: A, value: "1"}
      """;

  static String deployment(String name, String image) {
    return DEPLOYMENT.formatted(name, name, name, name, image);
  }

  static void namespace(Kubectl k, String name) {
    k.okWithInput("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n", "create", "-f", "-");
  }

  static void configMap(Kubectl k, String ns, String name, String key, String value) {
    k.okWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {" + key + ": \"" + value + "\"}\n",
        "-n", ns, "create", "-f", "-");
  }

  /** A NetworkPolicy the network module could not enforce as written is refused whole (422, each field named); a valid one is stored. */
  @Test
  void invalidNetworkPoliciesAreRefusedWithEveryProblem(Kubectl k) {
    namespace(k, "np-check");
    ProcessResult bad = k.runWithInput("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: bad}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Sideways]
          ingress:
          - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}, podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/40}}]
            ports: [{port: 100, endPort: 90}, {protocol: ICMP}]
        """, "-n", "np-check", "create", "-f", "-");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("The NetworkPolicy \"bad\" is invalid")
        .contains("spec.policyTypes[1]: Unsupported value: \"Sideways\"")
        .contains("spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer")
        .contains("spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"192.168.0.0/16\": must be a strict subset of `cidr`")
        .contains("spec.ingress[0].from[1].ipBlock.cidr: Invalid value: \"10.0.0.0/40\"")
        .contains("spec.ingress[0].ports[0].endPort: Invalid value: 90: must be greater than or equal to `port`")
        .contains("spec.ingress[0].ports[1].protocol: Unsupported value: \"ICMP\"");
    assertThat(k.run("-n", "np-check", "get", "networkpolicy", "bad").stderr()).contains("NotFound");
    k.okWithInput("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: good}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}], ports: [{port: 8000, endPort: 9000}]}]
        """, "-n", "np-check", "create", "-f", "-");
    assertThat(k.ok("-n", "np-check", "get", "networkpolicy", "good", "-o", "name")).isEqualTo("networkpolicy.networking.k8s.io/good\n");
  }

  /** kubectl's generators POST protobuf bodies; they must work as against upstream. */
  @Test
  void generatorsCreateObjects(Kubectl k) {
    assertThat(k.ok("create", "namespace", "gen")).contains("namespace/gen created");
    k.ok("-n", "gen", "create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=2");
    k.ok("-n", "gen", "create", "secret", "generic", "pw", "--from-literal=password=s3cret");
    k.ok("-n", "gen", "create", "serviceaccount", "robot");
    k.ok("-n", "gen", "create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=80");
    k.ok("-n", "gen", "expose", "deployment", "web", "--port=8080", "--target-port=80");
    k.ok("-n", "gen", "create", "role", "reader", "--verb=get,list", "--resource=pods");
    k.ok("-n", "gen", "create", "rolebinding", "read", "--role=reader", "--serviceaccount=gen:robot");
    k.ok("-n", "gen", "create", "quota", "q", "--hard=pods=10,cpu=2");
    assertThat(k.ok("-n", "gen", "get", "cm", "cfg", "-o", "jsonpath={.data.a}{.data.b}")).isEqualTo("12");
    assertThat(k.ok("-n", "gen", "get", "secret", "pw", "-o", "jsonpath={.data.password}")).isEqualTo("czNjcmV0");
    assertThat(k.ok("-n", "gen", "get", "deploy", "web", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}"))
        .isEqualTo("3 nginx:1.27 80");
    assertThat(k.ok("-n", "gen", "get", "svc", "web", "-o", "jsonpath={.spec.ports[0].port} {.spec.selector.app}")).isEqualTo("8080 web");
    assertThat(k.ok("-n", "gen", "get", "rolebinding", "read", "-o", "jsonpath={.subjects[0].name}")).isEqualTo("robot");
    assertThat(k.ok("-n", "gen", "get", "quota", "q", "-o", "jsonpath={.spec.hard.pods}")).isEqualTo("10");
    assertThat(k.run("-n", "gen", "create", "configmap", "Bad_Name").stderr()).contains("Invalid");
  }

  /** Services get a ClusterIP and NodePorts from the server, shown by kubectl get svc as upstream does. */
  @Test
  void servicesGetAddresses(Kubectl k) {
    namespace(k, "svcs");
    k.ok("-n", "svcs", "create", "service", "clusterip", "web", "--tcp=80:8080");
    k.ok("-n", "svcs", "create", "service", "nodeport", "np", "--tcp=80:8080");
    String table = k.ok("-n", "svcs", "get", "svc");
    assertThat(table).contains("NAME", "TYPE", "CLUSTER-IP", "PORT(S)");
    assertThat(table).containsPattern("web\\s+ClusterIP\\s+10\\.43\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP");
    assertThat(table).containsPattern("np\\s+NodePort\\s+10\\.43\\.\\d+\\.\\d+\\s+<none>\\s+80:3\\d{4}/TCP");
    String nodePort = k.ok("-n", "svcs", "get", "svc", "np", "-o", "jsonpath={.spec.ports[0].nodePort}");
    assertThat(Integer.parseInt(nodePort)).isBetween(30000, 32767);
    assertThat(k.ok("get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].port}")).isEqualTo("10.43.0.1 443");
    assertThat(k.ok("get", "endpoints", "kubernetes")).contains("127.0.0.1:");
    String manifest = "apiVersion: v1\nkind: Service\nmetadata: {name: applied}\nspec:\n  type: NodePort\n  ports: [{port: 80}]\n";
    assertThat(k.okWithInput(manifest, "-n", "svcs", "apply", "-f", "-")).contains("created");
    assertThat(k.okWithInput(manifest, "-n", "svcs", "apply", "-f", "-")).contains("unchanged");
    ProcessResult taken = k.run("-n", "svcs", "create", "service", "clusterip", "dup", "--tcp=80:80",
        "--clusterip=" + k.ok("-n", "svcs", "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}"));
    assertThat(taken.exitCode()).isNotZero();
    assertThat(taken.stderr()).contains("provided IP is already allocated");
  }

  @Test
  void versionAndClusterInfo(Kubectl k) {
    assertThat(k.ok("version", "-o", "json")).contains("\"serverVersion\"").contains("v1.32");
    assertThat(k.ok("cluster-info")).contains("is running at https://127.0.0.1:");
  }

  @Test
  void apiResourcesListsTheDataPlaneKinds(Kubectl k) {
    String out = k.ok("api-resources");
    assertThat(out).contains("pods", "po", "deployments", "deploy", "apps/v1", "endpointslices", "networkpolicies",
        "horizontalpodautoscalers", "clusterrolebindings", "leases");
  }

  @Test
  void explainReadsTheOpenApiDocuments(Kubectl k) {
    String out = k.ok("explain", "pods.spec.containers");
    assertThat(out).contains("image").contains("livenessProbe").contains("volumeMounts");
  }

  @Test
  void systemNamespacesExist(Kubectl k) {
    assertThat(k.ok("get", "ns")).contains("default", "kube-system", "kube-public", "kube-node-lease", "Active");
  }

  @Test
  void createGetInAllFormats(Kubectl k) {
    namespace(k, "fmt");
    configMap(k, "fmt", "cfg", "a", "b");
    assertThat(k.ok("-n", "fmt", "get", "cm", "cfg")).contains("NAME", "DATA", "AGE", "cfg").contains("1");
    assertThat(k.ok("-n", "fmt", "get", "cm", "cfg", "-o", "yaml")).contains("a: b").contains("resourceVersion:");
    assertThat(k.ok("-n", "fmt", "get", "cm", "cfg", "-o", "json")).contains("\"kind\": \"ConfigMap\"");
    assertThat(k.ok("-n", "fmt", "get", "cm", "cfg", "-o", "jsonpath={.data.a}")).isEqualTo("b");
    assertThat(k.ok("-n", "fmt", "get", "cm", "-o", "wide")).contains("cfg");
    assertThat(k.ok("get", "cm", "-A")).contains("NAMESPACE").contains("fmt");
  }

  @Test
  void labelAndFieldSelectors(Kubectl k) {
    namespace(k, "sel");
    configMap(k, "sel", "one", "x", "1");
    configMap(k, "sel", "two", "x", "2");
    k.ok("-n", "sel", "label", "configmap", "one", "tier=front");
    k.ok("-n", "sel", "annotate", "configmap", "two", "note=hello");
    assertThat(k.ok("-n", "sel", "get", "cm", "-l", "tier=front", "-o", "name")).isEqualTo("configmap/one\n");
    // every namespace also holds kube-root-ca.crt (unlabelled, so it matches tier!=front as upstream): left out by name
    assertThat(k.ok("-n", "sel", "get", "cm", "-l", "tier!=front", "--field-selector", "metadata.name!=kube-root-ca.crt", "-o", "name"))
        .isEqualTo("configmap/two\n");
    assertThat(k.ok("-n", "sel", "get", "cm", "--field-selector", "metadata.name=two", "-o", "name")).isEqualTo("configmap/two\n");
    assertThat(k.ok("-n", "sel", "get", "cm", "two", "-o", "jsonpath={.metadata.annotations.note}")).isEqualTo("hello");
    ProcessResult bad = k.run("-n", "sel", "get", "cm", "--field-selector", "data.x=1");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("BadRequest").contains("data.x");
  }

  @Test
  void applyCreatesChangesAndLeavesUnchanged(Kubectl k) {
    namespace(k, "app");
    assertThat(k.okWithInput(deployment("web", "nginx:1.0"), "-n", "app", "apply", "-f", "-")).contains("created");
    assertThat(k.okWithInput(deployment("web", "nginx:1.0"), "-n", "app", "apply", "-f", "-")).contains("unchanged");
    assertThat(k.okWithInput(deployment("web", "nginx:2.0"), "-n", "app", "apply", "-f", "-")).contains("configured");
    assertThat(k.ok("-n", "app", "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}"))
        .isEqualTo("nginx:2.0 2");
    assertThat(k.ok("-n", "app", "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].env[0].value}")).isEqualTo("1");
  }

  @Test
  void patchWithAllThreeTypes(Kubectl k) {
    namespace(k, "pat");
    k.okWithInput(deployment("p", "busybox:1"), "-n", "pat", "create", "-f", "-");
    k.ok("-n", "pat", "patch", "deploy", "p", "--type=strategic", "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"busybox:2\"}]}}}}");
    k.ok("-n", "pat", "patch", "deploy", "p", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"m\":\"yes\"}}}");
    k.ok("-n", "pat", "patch", "deploy", "p", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
    assertThat(k.ok("-n", "pat", "get", "deploy", "p", "-o",
        "jsonpath={.spec.template.spec.containers[0].image} {.metadata.labels.m} {.spec.replicas} {.spec.template.spec.containers[0].env[0].name}"))
        .isEqualTo("busybox:2 yes 5 A");
  }

  @Test
  void scaleUsesTheScaleSubresource(Kubectl k) {
    namespace(k, "scl");
    k.okWithInput(deployment("s", "busybox:1"), "-n", "scl", "create", "-f", "-");
    assertThat(k.ok("-n", "scl", "scale", "deploy", "s", "--replicas=7")).contains("scaled");
    assertThat(k.ok("-n", "scl", "get", "deploy", "s", "-o", "jsonpath={.spec.replicas}")).isEqualTo("7");
  }

  @Test
  void dryRunServerStoresNothing(Kubectl k) {
    namespace(k, "dry");
    assertThat(k.okWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ghost}\ndata: {a: b}\n",
        "-n", "dry", "create", "-f", "-", "--dry-run=server")).contains("server dry run");
    assertThat(k.run("-n", "dry", "get", "cm", "ghost").stderr()).contains("NotFound");
  }

  @Test
  void describeShowsTheObject(Kubectl k) {
    namespace(k, "dsc");
    k.okWithInput(deployment("d", "busybox:1"), "-n", "dsc", "create", "-f", "-");
    assertThat(k.ok("-n", "dsc", "describe", "deploy", "d")).contains("Name:", "d").contains("busybox:1").contains("Replicas:");
  }

  @Test
  void deleteWaitAndCascade(Kubectl k) {
    namespace(k, "del");
    configMap(k, "del", "a", "x", "1");
    configMap(k, "del", "b", "x", "1");
    assertThat(k.ok("-n", "del", "delete", "configmap", "a", "--wait")).contains("deleted");
    assertThat(k.ok("-n", "del", "delete", "configmap", "b", "--cascade=orphan")).contains("deleted");
    assertThat(k.run("-n", "del", "get", "cm", "a").stderr()).contains("NotFound");
  }

  @Test
  void deletingANamespaceDeletesItsContent(Kubectl k) {
    namespace(k, "doomed");
    configMap(k, "doomed", "inside", "x", "1");
    assertThat(k.ok("delete", "namespace", "doomed", "--timeout=30s")).contains("deleted");
    assertThat(k.run("get", "namespace", "doomed").stderr()).contains("NotFound");
    assertThat(k.run("-n", "doomed", "get", "cm", "inside").stderr()).contains("NotFound");
  }

  /** Creates owner and dependent ConfigMaps in namespace gc; returns nothing, asserts both exist. */
  private static void ownerAndDependent(Kubectl k, String owner, String dependent) {
    configMap(k, "gc", owner, "x", "1");
    String uid = k.ok("-n", "gc", "get", "cm", owner, "-o", "jsonpath={.metadata.uid}");
    k.okWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: %s, uid: %s, blockOwnerDeletion: true}]
        """.formatted(dependent, owner, uid), "-n", "gc", "create", "-f", "-");
  }

  @Test
  void cascadingDeletesFollowOwnerReferences(Kubectl k) {
    namespace(k, "gc");
    ownerAndDependent(k, "bg", "bg-dep");
    ownerAndDependent(k, "or", "or-dep");
    ownerAndDependent(k, "fg", "fg-dep");
    k.ok("-n", "gc", "delete", "cm", "bg", "--cascade=background");
    k.ok("-n", "gc", "wait", "--for=delete", "cm/bg-dep", "--timeout=30s");
    k.ok("-n", "gc", "delete", "cm", "or", "--cascade=orphan", "--timeout=30s");
    assertThat(k.ok("-n", "gc", "get", "cm", "or-dep", "-o", "jsonpath={.metadata.ownerReferences}")).isEmpty();
    k.ok("-n", "gc", "delete", "cm", "fg", "--cascade=foreground", "--timeout=30s");
    assertThat(k.run("-n", "gc", "get", "cm", "fg-dep").stderr()).contains("NotFound");
    assertThat(k.run("-n", "gc", "get", "cm", "fg").stderr()).contains("NotFound");
  }

  @Test
  void waitForConditionAndForDelete(Kubectl k) throws Exception {
    namespace(k, "wt");
    configMap(k, "wt", "gone", "x", "1");
    CompletableFuture<ProcessResult> waiting = CompletableFuture.supplyAsync(
        () -> k.run("-n", "wt", "wait", "--for=delete", "configmap/gone", "--timeout=30s"));
    Thread.sleep(1000);
    k.ok("-n", "wt", "delete", "configmap", "gone");
    ProcessResult r = waiting.get(40, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.stderr()).isZero();

    k.okWithInput("""
        apiVersion: v1
        kind: Node
        metadata: {name: wait-node}
        """, "create", "-f", "-");
    CompletableFuture<ProcessResult> ready = CompletableFuture.supplyAsync(
        () -> k.run("wait", "--for=condition=Ready", "node/wait-node", "--timeout=30s"));
    Thread.sleep(1000);
    k.ok("patch", "node", "wait-node", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"ok\"}]}}");
    ProcessResult w = ready.get(40, TimeUnit.SECONDS);
    assertThat(w.exitCode()).as(w.stderr()).isZero();
    assertThat(w.stdout()).contains("condition met");
  }

  @Test
  void getWatchStreamsChanges(Kubectl k, RunningServer server) throws Exception {
    namespace(k, "wch");
    configMap(k, "wch", "first", "x", "1");
    CompletableFuture<ProcessResult> watching = CompletableFuture.supplyAsync(
        () -> k.run("-n", "wch", "get", "cm", "-w", "--request-timeout=5s"));
    Thread.sleep(1500);
    configMap(k, "wch", "second", "x", "1");
    ProcessResult r = watching.get(30, TimeUnit.SECONDS);
    assertThat(r.stdout()).contains("NAME").contains("first").contains("second");
    assertThat(r.stdout().split("NAME", -1)).hasSize(2);
  }

  @Test
  void invalidObjectsAreRefusedWithCauses(Kubectl k) {
    ProcessResult r = k.runWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: Bad_Name, namespace: default}
        """, "create", "-f", "-");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Invalid").contains("metadata.name");
    ProcessResult unknown = k.runWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: fine, namespace: default}
        bogus: 1
        """, "create", "-f", "-");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("unknown field \"bogus\"");
    assertThat(k.run("-n", "default", "get", "cm", "fine").stderr()).contains("NotFound");
  }
}
