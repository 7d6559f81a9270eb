package io.j8s.dist;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-proxy end to end on the real node: a server, its agent and the proxy in iptables mode, then
 * in nftables mode (NodePorts on 127.0.0.1 only in iptables mode, as upstream); a
 * Deployment of three busybox httpd pods answering their own name behind a NodePort Service,
 * reached through the ClusterIP and the NodePort (node address and 127.0.0.1) from the node and
 * through the ClusterIP from a client pod; new connections spread over all three; scaled to zero,
 * the Service is refused at once; /healthz and /metrics answer. Cluster CIDRs 10.88.138.0/23
 * (iptables) and 10.88.142.0/23 (nftables), used by no other test; the proxy's rules are removed at
 * the end.
 */
@Tag("integration")
class ServiceProxyTest {
  static final String NODE = "proxy-it";
  /** Each mode's run its own cluster CIDR (they share the suite's network namespace). */
  static final Map<ProxyMode, String> CLUSTER_CIDRS = Map.of(ProxyMode.IPTABLES, "10.88.138.0/23", ProxyMode.NFTABLES, "10.88.142.0/23");
  static final int NODE_PORT = 31380;
  static final ProcessRunner SH = new ProcessRunner();

  static final String MANIFEST = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: web
              image: j8s.local/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
              ports: [{name: http, containerPort: 8080}]
              readinessProbe: {tcpSocket: {port: http}, periodSeconds: 1}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        type: NodePort
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http, nodePort: 31380}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client}
      spec:
        terminationGracePeriodSeconds: 1
        containers:
        - {name: c, image: j8s.local/busybox:1, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
      """;

  @ParameterizedTest
  @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "NFTABLES"})
  void servicesReachTheirPodsThroughTheProxy(ProxyMode mode, @TempDir Path dir) throws Exception {
    String clusterCidr = CLUSTER_CIDRS.get(mode);
    ControllerOptions options = new ControllerOptions(clusterCidr, 24, Duration.ofSeconds(40), null);
    // no sysctl here: KubeProxy sets route_localnet and bridge-nf-call-iptables itself
    try (ServerRuntime rt = NodeControllersTest.start(dir, options); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null, CniPodNetwork.debian(admin, clusterCidr, io.j8s.network.flannel.Backend.VXLAN, System.out::println),
          line -> System.out.println("j8s: " + line)));
      KubeProxy proxy = null;
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        String gateway = agent.podCidr().replaceAll("\\.0/\\d+$", ".1");
        // nftables mode answers NodePorts on the node's configured addresses only (upstream's default "primary"), iptables mode
        // on every local one; this namespace has no global address (node IP 127.0.0.1), so the node's cni0 address is given too
        List<String> nodeIps = mode == ProxyMode.NFTABLES ? List.of(agent.facts().nodeIp(), gateway) : List.of(agent.facts().nodeIp());
        proxy = KubeProxy.start(admin, new ProxyConfig(mode, NODE, nodeIps, clusterCidr,
            "10.43.0.0/16", new SyncSettings(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofHours(1)),
            new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0)));
        Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
        kubectl.okWithInput(MANIFEST, "apply", "-f", "-");
        kubectl.ok("rollout", "status", "deployment/web", "--timeout=180s");
        kubectl.ok("wait", "--for=condition=Ready", "pod/client", "--timeout=120s");
        String clusterIP = kubectl.ok("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").strip();
        // a node has a route for service IPs (usually its default route; this namespace's default is a blackhole,
        // where connect() fails before nat OUTPUT could DNAT); it goes with cni0
        SH.run("ip", "route", "replace", "10.43.0.0/16", "dev", "cni0").orThrow();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(fetch(clusterIP, 80)).startsWith("web-"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) seen.add(fetch(clusterIP, 80));
        assertThat(seen).as("new connections spread over the three pods").hasSize(3).allMatch(s -> s.startsWith("web-"));

        // NodePorts on 127.0.0.1 only in iptables mode (route_localnet), as upstream; nftables mode does not answer there
        for (String addr : mode == ProxyMode.IPTABLES ? List.of("127.0.0.1", gateway) : List.of(gateway)) {
          await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fetch(addr, NODE_PORT)).as(addr).startsWith("web-"));
        }
        // a plain HTTP GET with busybox nc (busybox-static's wget segfaults on these machines: exit 139)
        String fromPod = kubectl.ok("exec", "client", "--", "sh", "-c",
            "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + clusterIP + " 80").strip();
        assertThat(fromPod).startsWith("HTTP/1.").contains(" 200 ");
        assertThat(fromPod.lines().reduce((a, b) -> b).orElse("")).startsWith("web-");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.healthzPort() + "/healthz"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"healthy\": true");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.metricsPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_count{kind=\"full\"}")
            .doesNotContain("last_timestamp_seconds 0\n");
        if (mode == ProxyMode.IPTABLES) assertThat(metrics).contains("kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"}");

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

  /** One new TCP connection: an HTTP/1.0 GET of /index.html, the body. */
  static String fetch(String ip, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 3000);
      s.setSoTimeout(5000);
      OutputStream o = s.getOutputStream();
      o.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      String resp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int body = resp.indexOf("\r\n\r\n");
      return body < 0 ? resp : resp.substring(body + 4).strip();
    }
  }
}
