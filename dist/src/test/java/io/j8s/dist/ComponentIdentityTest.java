package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.base.process.ProcessResult;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's components run as their own identities, not as cluster-admin: the controllers as
 * system:kube-controller-manager (they still do their work), the scheduler as
 * system:kube-scheduler, the DNS as system:coredns; each may do its job and not what it has no
 * business with, as {@code kubectl auth can-i --as} tells.
 */
@Tag("integration")
class ComponentIdentityTest {
  @TempDir Path dir;

  @Test
  void eachComponentHasItsOwnLeastPrivilegeIdentity() throws Exception {
    try (ServerRuntime rt = ServerRuntime.start(new ApiServerConfig(dir, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES)); KubernetesClient dns = rt.newDnsClient()) {
      for (ComponentIdentity c : List.of(ComponentIdentity.CONTROLLER_MANAGER, ComponentIdentity.SCHEDULER, ComponentIdentity.DNS)) {
        Path f = c.kubeconfig(dir);
        assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(subject(f)).isEqualTo("CN=" + c.user);
        // with its own credential: not an administrator, and it can do its job
        Kubectl own = new Kubectl(f);
        assertThat(own.run("auth", "can-i", "create", "clusterrolebindings").stdout().strip()).as(c.toString()).isEqualTo("no");
        assertThat(own.run("auth", "can-i", "list", "services", "-A").stdout().strip()).as(c.toString()).isEqualTo("yes");
      }
      Kubectl k = new Kubectl(dir.resolve("kubeconfig.yaml"));
      String kcm = "system:kube-controller-manager";
      String sched = "system:kube-scheduler";
      String coredns = "system:coredns";
      for (String user : List.of(kcm, sched, coredns)) {
        assertCan(k, user, false, "*", "*");
        assertCan(k, user, false, "impersonate", "users");
        assertCan(k, user, false, "create", "clusterrolebindings");
        assertCan(k, user, false, "create", "pods", "--subresource=exec", "-n", "default");
      }
      for (String user : List.of(sched, coredns, "system:kube-proxy")) {
        assertCan(k, user, false, "get", "secrets", "-n", "kube-system");
        assertCan(k, user, false, "delete", "namespaces");
      }
      assertCan(k, kcm, true, "create", "pods", "-n", "default");
      assertCan(k, kcm, true, "update", "deployments", "--subresource=status", "-n", "default");
      assertCan(k, kcm, true, "update", "namespaces", "--subresource=finalize");
      assertCan(k, sched, true, "create", "pods", "--subresource=binding", "-n", "default");
      assertCan(k, sched, false, "create", "pods", "-n", "default");
      assertCan(k, coredns, true, "watch", "endpointslices.discovery.k8s.io");
      assertCan(k, coredns, false, "create", "services", "-n", "kube-system");
      assertCan(k, "system:kube-proxy", true, "list", "services");

      // the controllers do their work under their identity: a Deployment gets its ReplicaSet and pods
      await().atMost(Duration.ofSeconds(60)).until(() -> rt.controllers().leading());
      k.ok("create", "deployment", "web", "--image=busybox", "--replicas=2");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(k.ok("get", "pods", "-l", "app=web", "-o", "name").lines().count()).isEqualTo(2));
      assertThat(k.ok("get", "lease", "-n", "kube-system", "j8s-controller-manager", "-o", "jsonpath={.spec.holderIdentity}"))
          .isEqualTo(rt.controllers().identity());
      // the DNS identity lists what it serves
      assertThat(dns.services().inAnyNamespace().list().getItems()).extracting(s -> s.getMetadata().getName()).contains("kubernetes");
    }
  }

  /** The subject of the client certificate in a kubeconfig. */
  private static String subject(Path kubeconfig) throws Exception {
    String data = Files.readAllLines(kubeconfig).stream().map(String::strip).filter(l -> l.startsWith("client-certificate-data:"))
        .findFirst().orElseThrow().substring("client-certificate-data:".length()).strip();
    var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(data)));
    return cert.getSubjectX500Principal().getName();
  }

  private static void assertCan(Kubectl k, String user, boolean expected, String... what) {
    // (TYPE/NAME names an object: a subresource is asked with --subresource)
    String[] args = new String[what.length + 4];
    args[0] = "auth";
    args[1] = "can-i";
    System.arraycopy(what, 0, args, 2, what.length);
    args[what.length + 2] = "--as";
    args[what.length + 3] = user;
    ProcessResult r = k.run(args);
    assertThat(r.stdout().strip()).as(user + " can-i " + String.join(" ", what) + " (" + r.stderr().strip() + ")")
        .isEqualTo(expected ? "yes" : "no");
  }
}
