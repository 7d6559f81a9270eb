package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.base.process.ProcessResult;
import io.j8s.kubelet.AgentConfig;
import io.j8s.kubelet.bootstrap.NodeClientCertificate;
import io.j8s.testkit.kubectl.Kubectl;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node identities end to end, with real kubectl: the join token is only a bootstrapper; an
 * agent's TLS bootstrap (CSR auto-approved and signed by the controllers) gives it
 * system:node:node-a, reused after a restart; with that credential kubectl cannot modify
 * another node, nor read a secret only another node's pod uses, but reads its own pod's; the
 * embedded agent's server-issued credential is a node too; kubectl certificate approve|deny
 * work. No node runs here (pods are bound by name only): no network is made.
 */
@Tag("integration")
class NodeIdentityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Path kubeconfig(Path file, String server, Path ca, String userYaml) throws Exception {
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: %s, certificate-authority: %s}
        users:
        - name: u
          user: %s
        contexts:
        - name: x
          context: {cluster: c, user: u}
        current-context: x
        """.formatted(server, ca, userYaml));
    return file;
  }

  static String forbidden(Kubectl k, String... args) {
    ProcessResult r = k.run(args);
    assertThat(r.exitCode()).as("kubectl %s should be refused; stdout %s", String.join(" ", args), r.stdout()).isNotZero();
    assertThat(r.stderr()).as(String.join(" ", args)).containsIgnoringCase("forbidden");
    return r.stderr();
  }

  static String csrPem(String subject) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    var kp = g.generateKeyPair();
    var req = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()));
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(req);
    }
    return Base64.getEncoder().encodeToString(w.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void nodesAreWhoTheirCertificatesSayAndMayOnlyTouchWhatIsTheirs(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir); KubernetesClient admin = NodeControllersTest.client(dir)) {
      String server = "https://127.0.0.1:" + rt.api().port();
      Path ca = dir.resolve("server/tls/server-ca.crt");
      String token = Files.readString(dir.resolve("server/node-token")).trim();
      Kubectl root = new Kubectl(dir.resolve("kubeconfig.yaml"));

      // the join token is a bootstrapper: CSRs only
      Kubectl boot = new Kubectl(kubeconfig(dir.resolve("boot.yaml"), server, ca, "{token: " + token + "}"));
      assertThat(boot.ok("auth", "can-i", "create", "certificatesigningrequests.certificates.k8s.io").trim()).isEqualTo("yes");
      assertThat(boot.run("auth", "can-i", "list", "secrets", "-A").stdout().trim()).isEqualTo("no");
      forbidden(boot, "get", "nodes");
      forbidden(boot, "get", "secrets", "-n", "kube-system");

      // TLS bootstrap as j8s agent does it
      AgentConfig cfg = AgentConfig.of(dir.resolve("a"), "node-a", null, null, null, line -> System.out.println("j8s: " + line));
      try (KubernetesClient nodeA = AgentCommand.nodeClient(server, token, ca, cfg, Duration.ofSeconds(60))) {
        assertThat(nodeA.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a").endMetadata().build()).create())
            .isNotNull();
      }
      Path cert = NodeClientCertificate.certFile(cfg.agentDir());
      byte[] issued = Files.readAllBytes(cert);
      JsonNode csrs = JSON.readTree(root.ok("get", "csr", "-o", "json")).get("items");
      assertThat(csrs).hasSize(1);
      JsonNode csr = csrs.get(0);
      assertThat(csr.at("/spec/username").asText()).isEqualTo("system:bootstrap:j8s");
      assertThat(csr.at("/spec/groups").toString()).contains("system:bootstrappers");
      assertThat(csr.at("/status/conditions/0/type").asText()).isEqualTo("Approved");
      assertThat(csr.at("/status/conditions/0/reason").asText()).isEqualTo("AutoApproved");
      assertThat(csr.at("/status/certificate").asText()).isNotEmpty();
      assertThat(root.ok("get", "csr")).contains(csr.at("/metadata/name").asText());

      // a restarted agent reuses its valid certificate: no new CSR
      AgentCommand.nodeClient(server, token, ca, cfg, Duration.ofSeconds(60)).close();
      assertThat(Files.readAllBytes(cert)).isEqualTo(issued);
      assertThat(JSON.readTree(root.ok("get", "csr", "-o", "json")).get("items")).hasSize(1);

      // the world: node-b with a pod that uses secret only-b; node-a's pod uses secret mine
      root.ok("create", "namespace", "team");
      admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-b").endMetadata().build()).create();
      for (String s : List.of("mine", "only-b", "unused")) {
        admin.secrets().inNamespace("team").resource(new SecretBuilder().withNewMetadata().withName(s).endMetadata()
            .withStringData(Map.of("k", s)).build()).create();
      }
      admin.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata().withName("pa").endMetadata().withNewSpec()
          .withNodeName("node-a").addNewContainer().withName("c").withImage("busybox").endContainer()
          .addNewVolume().withName("s").withNewSecret().withSecretName("mine").endSecret().endVolume().endSpec().build()).create();
      admin.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata().withName("pb").endMetadata().withNewSpec()
          .withNodeName("node-b").addNewContainer().withName("c").withImage("busybox").addNewEnv().withName("X").withNewValueFrom()
          .withNewSecretKeyRef().withName("only-b").withKey("k").endSecretKeyRef().endValueFrom().endEnv().endContainer()
          .endSpec().build()).create();

      Kubectl a = new Kubectl(kubeconfig(dir.resolve("node-a.yaml"), server, ca,
          "{client-certificate: " + cert + ", client-key: " + NodeClientCertificate.keyFile(cfg.agentDir()) + "}"));
      assertThat(a.ok("auth", "can-i", "update", "nodes/node-a").trim()).isEqualTo("yes");
      assertThat(a.run("auth", "can-i", "update", "nodes/node-b").stdout().trim()).isEqualTo("no - node 'node-a' cannot modify node 'node-b'");
      await().atMost(Duration.ofSeconds(30)).until(() -> a.run("get", "secret", "mine", "-n", "team").ok());
      assertThat(forbidden(a, "get", "secret", "only-b", "-n", "team"))
          .contains("User \"system:node:node-a\" cannot get resource \"secrets\"")
          .contains("no relationship found between node 'node-a' and this object");
      forbidden(a, "get", "secret", "unused", "-n", "team");
      forbidden(a, "get", "secrets", "-n", "team");
      assertThat(a.ok("get", "pods", "-A")).contains("pa").contains("pb");
      assertThat(a.ok("get", "nodes")).contains("node-b");

      // own Node yes, another no; own pods' status yes, another's no
      a.ok("label", "node", "node-a", "mine=yes");
      assertThat(forbidden(a, "label", "node", "node-b", "stolen=yes")).contains("node 'node-a' cannot modify node 'node-b'");
      forbidden(a, "delete", "node", "node-b");
      forbidden(a, "patch", "node", "node-b", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"phase\":\"x\"}}");
      a.ok("patch", "pod", "pa", "-n", "team", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"message\":\"mine\"}}");
      forbidden(a, "patch", "pod", "pb", "-n", "team", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"message\":\"x\"}}");
      forbidden(a, "delete", "pod", "pb", "-n", "team");
      ProcessResult other = a.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-c\"}}", "create", "-f", "-");
      assertThat(other.stderr()).contains("Forbidden").contains("is not allowed to modify node");
      ProcessResult pod = a.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"sneak\",\"namespace\":\"team\"},"
          + "\"spec\":{\"nodeName\":\"node-a\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}", "create", "-f", "-");
      assertThat(pod.stderr()).contains("can only create mirror pods");
      forbidden(a, "create", "clusterrolebinding", "x", "--clusterrole=cluster-admin", "--user=system:node:node-a");

      // the embedded agent's credential, issued by the server directly, is a node as well
      try (KubernetesClient embedded = rt.newNodeClient(dir, "node-e")) {
        embedded.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-e").endMetadata().build()).create();
        assertThatThrownBy(() -> embedded.secrets().inNamespace("team").withName("mine").get())
            .isInstanceOf(KubernetesClientException.class).extracting(e -> ((KubernetesClientException) e).getCode()).isEqualTo(403);
        assertThatThrownBy(() -> embedded.nodes().withName("node-b").edit(n -> new NodeBuilder(n).editMetadata()
            .addToLabels("x", "y").endMetadata().build())).isInstanceOf(KubernetesClientException.class);
      }

      // kubectl certificate approve|deny on requests no controller decides
      for (String name : List.of("manual-approve", "manual-deny")) {
        admin.certificates().v1().certificateSigningRequests().resource(new CertificateSigningRequestBuilder().withNewMetadata()
            .withName(name).endMetadata().withNewSpec().withSignerName("example.com/custom").withUsages("client auth")
            .withRequest(csrPem("CN=someone")).endSpec().build()).create();
      }
      forbidden(a, "certificate", "approve", "manual-approve");
      forbidden(boot, "certificate", "approve", "manual-approve");
      root.ok("certificate", "approve", "manual-approve");
      root.ok("certificate", "deny", "manual-deny");
      assertThat(root.ok("get", "csr", "manual-approve", "-o", "jsonpath={.status.conditions[0].type}")).isEqualTo("Approved");
      assertThat(root.ok("get", "csr", "manual-deny", "-o", "jsonpath={.status.conditions[0].type}")).isEqualTo("Denied");
      assertThat(root.ok("get", "csr", "manual-approve", "-o", "jsonpath={.spec.username}")).isEqualTo("system:admin");
      assertThat(root.ok("get", "csr", "manual-approve", "-o", "jsonpath={.status.certificate}")).as("not our signer").isEmpty();
    }
  }
}
