package io.j8s.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.openapi.KubectlRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle: {@code kubectl <generator> --dry-run=client -o json} prints the object kubectl would
 * send. Running the same command for real against {@link CaptureApiServer} captures the protobuf
 * kubectl actually POSTs; {@link KubeProtobuf#decode} of those bytes must equal the dry-run JSON.
 */
@Tag("integration")
class ProtobufKubectlRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  CaptureApiServer server;
  Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    server = new CaptureApiServer();
    kubeconfig = server.kubeconfig(dir);
  }

  @AfterEach
  void stop() { server.close(); }

  /** Runs {@code args} with --dry-run=client -o json and for real; returns the decoded POST. */
  private ObjectNode roundTrip(String expectedPath, String... args) throws Exception {
    List<String> dry = new ArrayList<>(List.of(args));
    int end = dry.indexOf("--"); // flags must come before the container command
    dry.addAll(end < 0 ? dry.size() : end, List.of("--dry-run=client", "-o", "json"));
    KubectlRunner.Result expected = new KubectlRunner(dir, kubeconfig).run(null, dry.toArray(String[]::new));
    assertThat(expected.exit()).as(expected.err()).isZero();
    assertThat(server.posts).as("dry run must not POST").isEmpty();

    ObjectNode decoded = post(expectedPath, args);
    ObjectNode want = (ObjectNode) JSON.readTree(expected.out());
    dropNulls(want);
    assertThat(decoded).as("decoded protobuf vs dry-run JSON").isEqualTo(want);
    return decoded;
  }

  /** Runs {@code args} for real and decodes the one protobuf POST it makes. */
  private ObjectNode post(String expectedPath, String... args) throws Exception {
    server.posts.clear();
    KubectlRunner.Result real = new KubectlRunner(dir, kubeconfig).run(null, args);
    assertThat(server.posts).as("kubectl %s: %s", List.of(args), real.err()).hasSize(1);
    CaptureApiServer.Post post = server.posts.get(0);
    assertThat(post.contentType()).isEqualTo(KubeProtobuf.MEDIA_TYPE);
    assertThat(post.path()).isEqualTo(expectedPath);
    ObjectNode decoded = KubeProtobuf.decode(post.body());
    assertThat(real.exit()).as(real.err()).isZero();
    return decoded;
  }

  /**
   * The only normalization: Go prints a zero metav1.Time (e.g. "creationTimestamp": null) as JSON
   * null, while on the wire the zero time is an empty message that the decoder omits ("omit absent
   * fields"). Nothing else is touched: empty "status": {} and "resources": {} must match exactly.
   */
  static void dropNulls(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) it.remove();
        else dropNulls(e.getValue());
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(ProtobufKubectlRoundTripTest::dropNulls);
    }
  }

  static ObjectNode resource(String name) throws IOException {
    try (InputStream in = ProtobufKubectlRoundTripTest.class.getResourceAsStream("/protobuf/" + name)) {
      if (in == null) throw new IOException("missing test resource /protobuf/" + name);
      return (ObjectNode) JSON.readTree(in);
    }
  }

  @Test
  void createNamespace() throws Exception {
    ObjectNode ns = roundTrip("/api/v1/namespaces", "create", "namespace", "team-a");
    assertThat(ns.path("metadata").path("name").asText()).isEqualTo("team-a");
    assertThat(ns.path("spec").isObject()).isTrue();
    assertThat(ns.path("status").isObject()).isTrue();
  }

  @Test
  void createConfigMapFromTwoLiterals() throws Exception {
    ObjectNode cm = roundTrip("/api/v1/namespaces/default/configmaps",
        "create", "configmap", "app", "--from-literal=a=1", "--from-literal=greeting=hello world");
    assertThat(cm.path("data").path("greeting").asText()).isEqualTo("hello world");
  }

  @Test
  void createConfigMapWithBinaryDataFromFile() throws Exception {
    java.nio.file.Files.write(dir.resolve("blob.bin"), new byte[] {(byte) 0xff, 0, 1, 2, (byte) 0x80});
    java.nio.file.Files.writeString(dir.resolve("text.txt"), "line\n");
    ObjectNode cm = roundTrip("/api/v1/namespaces/ops/configmaps", "create", "configmap", "files", "-n", "ops",
        "--from-file=" + dir.resolve("blob.bin"), "--from-file=" + dir.resolve("text.txt"));
    assertThat(cm.path("binaryData").path("blob.bin").asText()).isEqualTo("/wABAoA=");
  }

  @Test
  void createSecretGeneric() throws Exception {
    ObjectNode secret = roundTrip("/api/v1/namespaces/default/secrets",
        "create", "secret", "generic", "db", "--from-literal=user=admin", "--from-literal=password=s3cr3t",
        "--type=example.com/db");
    assertThat(secret.path("data").path("password").asText()).isEqualTo("czNjcjN0");
    assertThat(secret.path("type").asText()).isEqualTo("example.com/db");
  }

  @Test
  void createSecretDockerRegistry() throws Exception {
    roundTrip("/api/v1/namespaces/default/secrets", "create", "secret", "docker-registry", "reg",
        "--docker-server=r.example.com", "--docker-username=u", "--docker-password=p");
  }

  @Test
  void createServiceAccount() throws Exception {
    roundTrip("/api/v1/namespaces/default/serviceaccounts", "create", "serviceaccount", "builder");
  }

  @Test
  void createDeployment() throws Exception {
    ObjectNode d = roundTrip("/apis/apps/v1/namespaces/default/deployments",
        "create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=80");
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("ports").get(0)
        .path("containerPort").asInt()).isEqualTo(80);
  }

  @Test
  void createDeploymentWithTwoImagesAndCommand() throws Exception {
    roundTrip("/apis/apps/v1/namespaces/default/deployments",
        "create", "deployment", "pair", "--image=busybox", "--replicas=0", "--", "sleep", "3600");
  }

  @Test
  void createServiceClusterIp() throws Exception {
    ObjectNode svc = roundTrip("/api/v1/namespaces/default/services",
        "create", "service", "clusterip", "api", "--tcp=80:8080", "--tcp=443:https");
    assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.path("spec").path("ports").get(1).path("targetPort").asText()).isEqualTo("https");
  }

  @Test
  void createServiceHeadlessNodePortAndExternalName() throws Exception {
    roundTrip("/api/v1/namespaces/default/services", "create", "service", "clusterip", "db", "--clusterip=None");
    server.posts.clear();
    roundTrip("/api/v1/namespaces/default/services", "create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080");
    server.posts.clear();
    roundTrip("/api/v1/namespaces/default/services", "create", "service", "externalname", "ext", "--external-name=db.example.com");
    server.posts.clear();
    roundTrip("/api/v1/namespaces/default/services", "create", "service", "loadbalancer", "lb", "--tcp=443:8443");
  }

  /**
   * Unlike the {@code create} generators, kubectl 1.32's {@code expose} builds an unstructured
   * object and POSTs it through the dynamic client as JSON, so it never needs this decoder. Pinned
   * here so a kubectl that switches to protobuf shows up as a failure rather than a surprise.
   */
  @Test
  void exposeDeploymentPostsJson() throws Exception {
    server.fixtures.put("/apis/apps/v1/namespaces/default/deployments/web", resource("deployment-web.json"));
    KubectlRunner.Result expected = new KubectlRunner(dir, kubeconfig).run(null, "expose", "deployment", "web",
        "--port=80", "--target-port=8080", "--name=web-svc", "--dry-run=client", "-o", "json");
    assertThat(expected.exit()).as(expected.err()).isZero();
    KubectlRunner.Result real = new KubectlRunner(dir, kubeconfig).run(null, "expose", "deployment", "web",
        "--port=80", "--target-port=8080", "--name=web-svc");
    assertThat(real.exit()).as(real.err()).isZero();
    assertThat(server.posts).hasSize(1);
    CaptureApiServer.Post post = server.posts.get(0);
    assertThat(post.path()).isEqualTo("/api/v1/namespaces/default/services");
    assertThat(post.contentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(post.body())).isEqualTo(JSON.readTree(expected.out()));
  }

  @Test
  void createRole() throws Exception {
    ObjectNode role = roundTrip("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
        "create", "role", "reader", "--verb=get,list,watch", "--resource=pods,deployments.apps", "--resource-name=web");
    assertThat(role.path("rules").get(0).path("apiGroups").get(0).asText()).isEmpty();
  }

  @Test
  void createRoleBinding() throws Exception {
    roundTrip("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
        "create", "rolebinding", "read", "--role=reader", "--user=bob", "--serviceaccount=default:builder", "--group=devs");
  }

  @Test
  void createClusterRole() throws Exception {
    roundTrip("/apis/rbac.authorization.k8s.io/v1/clusterroles",
        "create", "clusterrole", "ops", "--verb=get", "--resource=nodes", "--non-resource-url=/logs/*");
    server.posts.clear();
    roundTrip("/apis/rbac.authorization.k8s.io/v1/clusterroles",
        "create", "clusterrole", "agg", "--aggregation-rule=rbac.example.com/aggregate-to-ops=true");
  }

  @Test
  void createClusterRoleBinding() throws Exception {
    roundTrip("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
        "create", "clusterrolebinding", "ops", "--clusterrole=ops", "--user=alice", "--group=sre");
  }

  @Test
  void createQuota() throws Exception {
    ObjectNode q = roundTrip("/api/v1/namespaces/default/resourcequotas",
        "create", "quota", "small", "--hard=pods=3,cpu=1,requests.memory=1Gi", "--scopes=NotTerminating");
    assertThat(q.path("spec").path("hard").path("cpu").asText()).isEqualTo("1");
  }

  @Test
  void createIngress() throws Exception {
    ObjectNode ing = roundTrip("/apis/networking.k8s.io/v1/namespaces/default/ingresses",
        "create", "ingress", "web", "--rule=host/path=svc:80,tls=secret");
    assertThat(ing.path("spec").path("tls").get(0).path("secretName").asText()).isEqualTo("secret");
  }

  @Test
  void createIngressWithClassDefaultBackendAndNamedPort() throws Exception {
    roundTrip("/apis/networking.k8s.io/v1/namespaces/default/ingresses",
        "create", "ingress", "multi", "--class=nginx", "--default-backend=fallback:http",
        "--rule=a.example.com/api*=api:8080", "--rule=b.example.com/=web:https,tls",
        "--annotation=nginx.ingress.kubernetes.io/rewrite-target=/");
  }

  @Test
  void createJobAndCronJob() throws Exception {
    roundTrip("/apis/batch/v1/namespaces/default/jobs", "create", "job", "once", "--image=busybox", "--", "echo", "hi");
    server.posts.clear();
    roundTrip("/apis/batch/v1/namespaces/default/cronjobs",
        "create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--restart=OnFailure", "--", "date");
  }

  /**
   * The richest pod spec kubectl will put on the wire: {@code create job --from=cronjob/X} decodes
   * the served CronJob into Go structs and POSTs its template (volumes, env sources, probes,
   * security contexts, affinity ...) as protobuf.
   */
  @Test
  void createJobFromCronJobCarriesTheWholePodTemplate() throws Exception {
    ObjectNode cronJob = resource("cronjob-nightly.json");
    server.fixtures.put("/apis/batch/v1/namespaces/default/cronjobs/nightly", cronJob);
    ObjectNode job = roundTrip("/apis/batch/v1/namespaces/default/jobs", "create", "job", "manual-1", "--from=cronjob/nightly");
    // Nothing of the fixture was lost on the way through kubectl's Go types and the wire.
    JsonNode template = cronJob.path("spec").path("jobTemplate").path("spec").deepCopy();
    assertThat(job.path("spec")).isEqualTo(template);
    assertThat(job.path("metadata").path("ownerReferences").get(0).path("uid").asText())
        .isEqualTo("0b6c1a52-1111-2222-3333-444455556666");
  }

  /** {@code kubectl debug --copy-to} re-creates a served pod (plus a debug container) as protobuf. */
  @Test
  void debugCopyToPostsAPod() throws Exception {
    ObjectNode pod = resource("pod-app.json");
    server.fixtures.put("/api/v1/namespaces/default/pods/app", pod);
    ObjectNode copy = post("/api/v1/namespaces/default/pods",
        "debug", "app", "--copy-to=app-debug", "--image=busybox", "--attach=false", "--quiet", "--profile=general");
    assertThat(copy.path("metadata").path("name").asText()).isEqualTo("app-debug");
    assertThat(copy.path("spec").path("volumes")).isEqualTo(pod.path("spec").path("volumes"));
    // The "general" debug profile strips probes from the copy; everything else is kept verbatim.
    ObjectNode original = (ObjectNode) pod.path("spec").path("containers").get(0).deepCopy();
    original.remove("readinessProbe");
    assertThat(copy.path("spec").path("containers").get(0)).isEqualTo(original);
    assertThat(copy.path("spec").path("containers").get(1).path("image").asText()).isEqualTo("busybox");
  }

  @Test
  void createPodDisruptionBudgetAndPriorityClass() throws Exception {
    roundTrip("/apis/policy/v1/namespaces/default/poddisruptionbudgets",
        "create", "pdb", "web", "--selector=app=web", "--min-available=50%");
    server.posts.clear();
    roundTrip("/apis/scheduling.k8s.io/v1/priorityclasses",
        "create", "priorityclass", "high", "--value=1000", "--description=important", "--preemption-policy=Never");
  }

  @Test
  void autoscaleDeployment() throws Exception {
    server.fixtures.put("/apis/apps/v1/namespaces/default/deployments/web", resource("deployment-web.json"));
    roundTrip("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers",
        "autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=80");
  }

  /** {@code create token} has no dry run; check the decoded TokenRequest directly. */
  @Test
  void createTokenPostsATokenRequest() throws Exception {
    server.posts.clear();
    new KubectlRunner(dir, kubeconfig).run(null, "create", "token", "builder", "--audience=api", "--duration=10m");
    assertThat(server.posts).hasSize(1);
    ObjectNode tr = KubeProtobuf.decode(server.posts.get(0).body());
    assertThat(tr.path("kind").asText()).isEqualTo("TokenRequest");
    assertThat(tr.path("spec").path("audiences").get(0).asText()).isEqualTo("api");
    assertThat(tr.path("spec").path("expirationSeconds").asLong()).isEqualTo(600);
  }
}
