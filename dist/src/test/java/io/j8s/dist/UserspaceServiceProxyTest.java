package io.j8s.dist;

import static io.j8s.dist.ServiceProxyTest.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.proxy.KubeProxy;
import io.j8s.proxy.ProxyConfig;
import io.j8s.proxy.ProxyMode;
import io.j8s.proxy.sync.SyncSettings;
import io.j8s.testkit.kubectl.Kubectl;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-proxy's userspace mode end to end on the real node, as {@link ServiceProxyTest} does for
 * iptables: three busybox httpd pods behind a NodePort Service reached through the ClusterIP (from
 * the node and from a client pod: REDIRECT on the pods' bridge) and the NodePort (node address and
 * 127.0.0.1), new connections from the node going round-robin over the three pods (10 each of 30),
 * the per-service metrics on /metrics, refusal at once once scaled to zero. Pod CIDR
 * 10.88.182.0/24 (cluster CIDR 10.88.182.0/23), NodePort 31382, used by no other test; the rules
 * are removed at the end.
 */
@Tag("integration")
class UserspaceServiceProxyTest {
  static final String NODE = "proxy-us";
  static final String CLUSTER_CIDR = "10.88.182.0/23";
  static final ControllerOptions OPTIONS = new ControllerOptions(CLUSTER_CIDR, 24, Duration.ofSeconds(40), null);
  static final int NODE_PORT = 31382;
  static final ProcessRunner SH = new ProcessRunner();

  @Test
  void servicesReachTheirPodsThroughTheUserspaceProxy(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(admin, CLUSTER_CIDR,
          io.j8s.network.flannel.Backend.VXLAN, System.out::println), line -> System.out.println("j8s: " + line)));
      KubeProxy proxy = null;
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        proxy = KubeProxy.start(admin, new ProxyConfig(ProxyMode.USERSPACE, NODE, List.of(agent.facts().nodeIp()), CLUSTER_CIDR,
            "10.43.0.0/16", new SyncSettings(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofHours(1)),
            new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0)));
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        kubectl.okWithInput(ServiceProxyTest.MANIFEST.replace("nodePort: 31380", "nodePort: " + NODE_PORT), "apply", "-f", "-");
        kubectl.ok("rollout", "status", "deployment/web", "--timeout=180s");
        kubectl.ok("wait", "--for=condition=Ready", "pod/client", "--timeout=120s");
        String clusterIP = kubectl.ok("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").strip();
        String gateway = agent.podCidr().replaceAll("\\.0/\\d+$", ".1");
        // a node has a route for service IPs (this namespace's default is a blackhole, where connect() fails before nat OUTPUT)
        SH.run("ip", "route", "replace", "10.43.0.0/16", "dev", "cni0").orThrow();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
          Map<String, Integer> seen = new TreeMap<>();
          for (int i = 0; i < 6; i++) seen.merge(fetch(clusterIP, 80), 1, Integer::sum);
          assertThat(seen).hasSize(3); // the three endpoints are in
        });
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 30; i++) counts.merge(fetch(clusterIP, 80), 1, Integer::sum);
        assertThat(counts).as("round-robin over the three pods").hasSize(3).allSatisfy((pod, n) -> {
          assertThat(pod).startsWith("web-");
          assertThat(n).isEqualTo(10);
        });

        for (String addr : List.of("127.0.0.1", gateway, agent.facts().nodeIp())) {
          await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fetch(addr, NODE_PORT)).as(addr).startsWith("web-"));
        }
        String fromPod = kubectl.ok("exec", "client", "--", "sh", "-c",
            "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + clusterIP + " 80").strip();
        assertThat(fromPod).startsWith("HTTP/1.").contains(" 200 ");
        assertThat(fromPod.lines().reduce((a, b) -> b).orElse("")).startsWith("web-");

        HttpClient http = HttpClient.newHttpClient();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_count{kind=\"full\"}")
            .contains("kubeproxy_userspace_connections_total{service=\"default/web:http\",protocol=\"TCP\"}")
            .contains("kubeproxy_userspace_bytes_total{service=\"default/web:http\",protocol=\"TCP\",direction=\"out\"}")
            .contains("kubeproxy_userspace_connect_latency_seconds_count{service=\"default/web:http\",protocol=\"TCP\"}");

        kubectl.ok("scale", "deployment/web", "--replicas=0");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThatThrownBy(() -> fetch(clusterIP, 80)).isInstanceOf(ConnectException.class).hasMessageContaining("refused"));

        kubectl.ok("delete", "deployment", "web");
        kubectl.ok("delete", "pod", "client", "--grace-period=1");
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.pods().inNamespace("default").list().getItems().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.cri().listPodSandbox().isEmpty());
      } finally {
        if (proxy != null) {
          proxy.close();
          proxy.cleanup();
        }
        agent.cri().removeAllPodSandboxes(); // whatever a failed run left: its mounts would keep the temp dir
        agent.close();
        SH.run("ip", "link", "del", "cni0");
      }
    }
  }
}
