package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service account tokens end to end with real kubectl and a real pod: a ServiceAccount bound to a
 * Role that may get and list pods in its namespace; a busybox pod running as it gets the
 * {@code kube-api-access-*} volume from admission and its token from the kubelet's TokenRequest;
 * the token read out of the container works with {@code kubectl --token} for exactly what the Role
 * allows; {@code ca.crt} is the cluster CA and {@code namespace} the pod's; {@code kubectl create
 * token} tokens with another audience are 401; deleting the pod invalidates the tokens bound to it.
 * Pod CIDR 10.88.132.0/24 (cluster CIDR 10.88.132.0/23), used by no other test.
 */
@Tag("integration")
class ServiceAccountTokenTest {
  static final String NODE = "tokens-it";
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.132.0/23", 24, Duration.ofSeconds(40), null);
  static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  static final String MANIFEST = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: team}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: other}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: reader, namespace: team}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: pod-reader, namespace: team}
      rules:
      - {apiGroups: [""], resources: [pods], verbs: [get, list]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: reader-reads-pods, namespace: team}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
      subjects:
      - {kind: ServiceAccount, name: reader, namespace: team}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: team}
      spec:
        serviceAccountName: reader
        terminationGracePeriodSeconds: 1
        containers:
        - name: main
          image: j8s.local/busybox:1
          imagePullPolicy: IfNotPresent
          command: ["sleep", "3600"]
      """;

  @Test
  void aPodsTokenWorksForExactlyWhatItsRoleAllows(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(admin, OPTIONS.clusterCidr(), io.j8s.network.flannel.Backend.VXLAN, System.out::println),
          line -> System.out.println("j8s: " + line)));
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        kubectl.okWithInput(MANIFEST, "apply", "-f", "-");
        kubectl.ok("-n", "team", "wait", "--for=condition=Ready", "pod/client", "--timeout=180s");

        // admission mounted the projected volume
        String volume = kubectl.ok("-n", "team", "get", "pod", "client", "-o", "jsonpath={.spec.volumes[0].name}");
        assertThat(volume).matches("kube-api-access-[a-z0-9]{5}");
        assertThat(kubectl.ok("-n", "team", "get", "pod", "client", "-o", "jsonpath={.spec.containers[0].volumeMounts[0].mountPath}"))
            .isEqualTo(SA_DIR);

        String token = kubectl.ok("-n", "team", "exec", "client", "--", "cat", SA_DIR + "/token").trim();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(kubectl.ok("-n", "team", "exec", "client", "--", "cat", SA_DIR + "/namespace")).isEqualTo("team");
        assertThat(kubectl.ok("-n", "team", "exec", "client", "--", "cat", SA_DIR + "/ca.crt").trim())
            .isEqualTo(Files.readString(dir.resolve("server/tls/server-ca.crt")).trim());
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"sub\":\"system:serviceaccount:team:reader\"").contains("\"pod\":{\"name\":\"client\"")
            .contains("\"node\":{\"name\":\"" + NODE + "\"");

        Kubectl asPod = tokenKubectl(dir, "pod", token);
        assertThat(asPod.ok("-n", "team", "get", "pods", "-o", "name")).contains("pod/client");
        assertThat(asPod.ok("-n", "team", "get", "pod", "client", "-o", "name").trim()).isEqualTo("pod/client");
        assertForbidden(asPod.run("-n", "team", "get", "secrets"), "cannot list resource \"secrets\"");
        assertForbidden(asPod.run("-n", "other", "get", "pods"), "in the namespace \"other\"");
        assertForbidden(asPod.run("-n", "team", "delete", "pod", "client"), "cannot delete resource \"pods\"");
        assertThat(asPod.ok("get", "--raw", "/.well-known/openid-configuration"))
            .contains("\"issuer\":\"https://kubernetes.default.svc.cluster.local\"");
        assertThat(asPod.ok("get", "--raw", "/openid/v1/jwks")).contains("\"kty\":\"RSA\"");

        // kubectl create token: the API's audience works, another audience is 401
        String plain = kubectl.ok("-n", "team", "create", "token", "reader", "--duration=15m").trim();
        assertThat(tokenKubectl(dir, "plain", plain).ok("-n", "team", "get", "pods", "-o", "name")).contains("pod/client");
        String vault = kubectl.ok("-n", "team", "create", "token", "reader", "--audience=vault").trim();
        assertUnauthorized(tokenKubectl(dir, "vault", vault).run("-n", "team", "get", "pods"));
        String bound = kubectl.ok("-n", "team", "create", "token", "reader", "--bound-object-kind", "Pod", "--bound-object-name", "client").trim();
        Kubectl asBound = tokenKubectl(dir, "bound", bound);
        assertThat(asBound.ok("-n", "team", "get", "pods", "-o", "name")).contains("pod/client");
        assertUnauthorized(tokenKubectl(dir, "garbage", plain.substring(0, plain.length() - 4) + "AAAA").run("-n", "team", "get", "pods"));

        // bad requests
        ProcessResult missing = kubectl.run("-n", "team", "create", "token", "nosuch");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("serviceaccounts \"nosuch\" not found");
        ProcessResult shortLived = kubectl.run("-n", "team", "create", "token", "reader", "--duration=1m");
        assertThat(shortLived.exitCode()).isNotZero();
        assertThat(shortLived.stderr()).contains("may not specify a duration less than 10 minutes");
        ProcessResult otherPod = kubectl.run("-n", "team", "create", "token", "reader", "--bound-object-kind", "Pod", "--bound-object-name", "nosuch");
        assertThat(otherPod.exitCode()).isNotZero();
        assertThat(otherPod.stderr()).contains("pods \"nosuch\" not found");

        // a pod whose service account does not exist is refused
        ProcessResult noSa = kubectl.run("-n", "team", "run", "orphan", "--image=j8s.local/busybox:1", "--overrides",
            "{\"spec\":{\"serviceAccountName\":\"ghost\"}}", "--", "sleep", "1");
        assertThat(noSa.exitCode()).isNotZero();
        assertThat(noSa.stderr()).contains("error looking up service account team/ghost");

        // deleting the bound pod invalidates its tokens; the unbound one keeps working
        kubectl.ok("-n", "team", "delete", "pod", "client", "--wait=true", "--timeout=120s");
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.pods().inNamespace("team").withName("client").get() == null);
        assertUnauthorized(asPod.run("-n", "team", "get", "pods"));
        assertUnauthorized(asBound.run("-n", "team", "get", "pods"));
        assertThat(tokenKubectl(dir, "plain", plain).run("-n", "team", "get", "pods").exitCode()).isZero();

        // deleting the service account invalidates the rest
        kubectl.ok("-n", "team", "delete", "serviceaccount", "reader");
        assertUnauthorized(tokenKubectl(dir, "plain", plain).run("-n", "team", "get", "pods"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(agent.cri().listPodSandbox()).isEmpty());
      } finally {
        agent.cri().removeAllPodSandboxes(); // whatever a failed run left: its mounts would keep the temp dir
        agent.close();
        new ProcessRunner().run("ip", "link", "del", "cni0");
      }
    }
  }

  /** kubectl with only the cluster's CA and a bearer token (no client certificate). */
  static Kubectl tokenKubectl(Path dir, String name, String token) throws Exception {
    String admin = Files.readString(dir.resolve("kubeconfig.yaml"));
    String server = admin.lines().filter(l -> l.trim().startsWith("server:")).findFirst().orElseThrow().trim().substring(7).trim();
    String ca = admin.lines().filter(l -> l.trim().startsWith("certificate-authority-data:")).findFirst().orElseThrow().trim()
        .substring("certificate-authority-data:".length()).trim();
    Path file = dir.resolve("kubeconfig-" + name + ".yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: j8s
          cluster: {server: "%s", certificate-authority-data: %s}
        users:
        - name: sa
          user: {token: "%s"}
        contexts:
        - name: sa
          context: {cluster: j8s, user: sa}
        current-context: sa
        """.formatted(server, ca, token));
    return new Kubectl(file);
  }

  static void assertForbidden(ProcessResult r, String detail) {
    assertThat(r.exitCode()).as(r.stderr()).isNotZero();
    assertThat(r.stderr()).contains("Forbidden").contains("User \"system:serviceaccount:team:reader\"").contains(detail);
  }

  static void assertUnauthorized(ProcessResult r) {
    assertThat(r.exitCode()).as(r.stderr()).isNotZero();
    assertThat(r.stderr()).contains("Unauthorized");
  }
}
