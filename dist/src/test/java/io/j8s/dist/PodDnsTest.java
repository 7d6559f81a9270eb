package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.dns.ClusterDns;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names resolved from inside a real busybox container on the embedded node: the DNS listens on
 * 0.0.0.0:53 of the test's network namespace and the pod (dnsPolicy None) names the bridge
 * gateway as its nameserver with the search path and ndots a ClusterFirst pod gets. busybox's
 * nslookup applies the search path to dotless names only, so names with dots go through its
 * libc resolver ({@code ping}, which prints the address it resolved even when no reply comes).
 * CNI bridge {@code j8sdns152}, subnet 10.88.152.0/24 (cluster CIDR 10.88.152.0/23: 10.88.152-153
 * are this test's), used by no other test.
 */
@Tag("integration")
class PodDnsTest {
  static final String NODE = "dns-node";
  static final String SUBNET = "10.88.152";
  static final String BRIDGE = "j8sdns152";
  static final ControllerOptions OPTIONS = new ControllerOptions(SUBNET + ".0/23", 24, Duration.ofSeconds(40), null);
  static final String NS = "dnspod", OTHER = "dnsother";

  @Test
  void aBusyboxPodResolvesServicesAndPodsByNameThroughItsSearchPath(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      BridgeCni.write(dir.resolve("agent"), BRIDGE, SUBNET);
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, null, line -> System.out.println("j8s: " + line)));
      try (ClusterDns dns = EmbeddedDns.start(admin, "10.43.0.0/16", "0.0.0.0", "127.0.0.1", NODE, 53, dir.resolve("no-resolv.conf"),
          line -> System.out.println("j8s: " + line))) {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        for (String ns : new String[] {NS, OTHER}) {
          admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        String webIp = admin.resource(service(NS, "web", false)).create().getSpec().getClusterIP();
        String apiIp = admin.resource(service(OTHER, "api", false)).create().getSpec().getClusterIP();
        admin.resource(service(NS, "db", true)).create();
        kubectl.okWithInput("""
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: %s, labels: {app: db}}
            spec:
              hostname: db-0
              subdomain: db
              terminationGracePeriodSeconds: 1
              dnsPolicy: None
              dnsConfig:
                nameservers: [%s.1]
                searches: [%s.svc.cluster.local, svc.cluster.local, cluster.local]
                options: [{name: ndots, value: "5"}]
              containers:
              - name: c
                image: %s
                imagePullPolicy: IfNotPresent
                command: [sleep, "3600"]
            """.formatted(NS, SUBNET, NS, LocalImages.BUSYBOX), "apply", "-f", "-");
        kubectl.ok("-n", NS, "wait", "--for=condition=Ready", "pod/client", "--timeout=120s");
        Pod pod = admin.pods().inNamespace(NS).withName("client").get();
        String podIp = pod.getStatus().getPodIP();
        assertThat(podIp).startsWith(SUBNET + ".");
        assertThat(kubectl.ok("-n", NS, "exec", "client", "--", "cat", "/etc/resolv.conf"))
            .contains("nameserver " + SUBNET + ".1", "search " + NS + ".svc.cluster.local svc.cluster.local cluster.local", "ndots:5");

        // a service of the pod's own namespace by its short name (nslookup's search path)
        String web = sh(kubectl, "nslookup web");
        assertThat(web).contains("web." + NS + ".svc.cluster.local").contains("Address: " + webIp);
        // another namespace's service by name.namespace, through the search path (libc resolver)
        assertThat(sh(kubectl, "ping -c 1 -W 1 api." + OTHER)).contains("(" + apiIp + ")");
        assertThat(sh(kubectl, "nslookup api." + OTHER + ".svc.cluster.local")).contains("Address: " + apiIp);
        // the pod by its pod name, and by the name its hostname/subdomain gives it under the headless service
        String dashed = podIp.replace('.', '-');
        assertThat(sh(kubectl, "nslookup " + dashed + "." + NS + ".pod.cluster.local")).contains("Address: " + podIp);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(sh(kubectl, "ping -c 1 -W 2 db-0.db")).contains("(" + podIp + ")"));
        // reverse lookups (PTR): a ClusterIP names its service, a headless endpoint its name under the service
        assertThat(sh(kubectl, "nslookup " + webIp)).contains("web." + NS + ".svc.cluster.local");
        assertThat(sh(kubectl, "nslookup " + podIp)).contains("db-0.db." + NS + ".svc.cluster.local");
        String self = sh(kubectl, "ping -c 1 -W 2 " + dashed + "." + NS + ".pod");
        assertThat(self).contains("(" + podIp + ")").contains("1 packets received");
        assertThat(sh(kubectl, "nslookup nosuchservice")).doesNotContain("Address: 10.");

        // gone before the cleanup: with the pod still in the API, the running agent made its sandbox again
        // after removeAllPodSandboxes, and its mounts kept the temp dir (seen in the full suite)
        admin.pods().inNamespace(NS).withName("client").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.cri().listPodSandbox().isEmpty());
        // and its volumes torn down (the projected service-account volume is a tmpfs mount under the temp dir)
        Path pods = dir.resolve("agent/pods");
        await().atMost(Duration.ofSeconds(60)).until(() -> !java.nio.file.Files.isDirectory(pods) || isEmpty(pods));
      } finally {
        agent.cri().removeAllPodSandboxes();
        agent.close();
        new ProcessRunner().run("ip", "link", "del", BRIDGE);
      }
    }
  }

  static io.fabric8.kubernetes.api.model.Service service(String ns, String name, boolean headless) {
    var spec = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withSelector(Map.of("app", name));
    if (headless) spec = spec.withClusterIP("None");
    return spec.addNewPort().withName("http").withPort(80).endPort().endSpec().build();
  }

  /** The combined output of a shell command in the pod (its exit status ignored: ping gets no reply from a ClusterIP). */
  static String sh(Kubectl kubectl, String command) {
    String out = kubectl.ok("-n", NS, "exec", "client", "--", "sh", "-c", command + " 2>&1; true");
    System.out.println("pod$ " + command + "\n" + out);
    return out;
  }

  static boolean isEmpty(Path dir) throws java.io.IOException {
    try (var entries = java.nio.file.Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
