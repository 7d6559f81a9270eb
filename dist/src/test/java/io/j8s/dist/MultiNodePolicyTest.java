package io.j8s.dist;

import static io.j8s.dist.MultiNodeNetworkTest.alive;
import static io.j8s.dist.MultiNodeNetworkTest.awaitFile;
import static io.j8s.dist.MultiNodeNetworkTest.j8s;
import static io.j8s.dist.MultiNodeNetworkTest.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.api.status.Readiness;
import io.j8s.base.process.ProcessResult;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.netns.NetnsLan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NetworkPolicy across two nodes, with MultiNodeNetworkTest's fixture: a {@code j8s server
 * --disable-agent} and two {@code j8s agent}s (enforcement on by default) in their own namespace
 * hosts on one LAN (10.88.168.0/24), with each backend (host-gw, vxlan) and kube-proxy in iptables
 * and in userspace mode (and nftables on vxlan), cluster CIDR 10.88.160.0/22. A web pod (and its Service) on node a, two
 * pods on node b: ingress is enforced on a (the allowed pod reaches it, the other not, directly and
 * through the Service: in userspace mode node b's relay judges and node a admits its marked
 * connection), egress on b (default deny but an ipBlock of the LAN, less node a's address, on one
 * port: the server host answers on it, node a and the web pod no longer do, nor the Service).
 */
@Tag("integration")
class MultiNodePolicyTest {
  static final String CLUSTER = "10.88.160.0/22";
  static final Duration LONG = Duration.ofMinutes(4);
  static final Duration FOLLOW = Duration.ofSeconds(30);

  static final String MANIFEST = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: np-a, labels: {team: a}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: np-b, labels: {team: b}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: np-a, labels: {app: web}}
      spec:
        nodeName: mn-a
        terminationGracePeriodSeconds: 0
        containers:
        - name: web
          image: j8s.local/busybox:1
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", "mkdir -p /www && echo web > /www/index.html && exec httpd -f -p 8080 -h /www"]
          ports: [{name: http, containerPort: 8080}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: np-a}
      spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: np-b, labels: {app: client}}
      spec:
        nodeName: mn-b
        terminationGracePeriodSeconds: 0
        containers:
        - {name: c, image: j8s.local/busybox:1, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: other, namespace: np-b, labels: {app: other}}
      spec:
        nodeName: mn-b
        terminationGracePeriodSeconds: 0
        containers:
        - {name: c, image: j8s.local/busybox:1, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
      """;

  static final String WEB_FROM_CLIENT = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web, namespace: np-a}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: client}}}]
          ports: [{port: http}]
      """;

  static final String B_EGRESS_TO_LAN_HOST = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: out, namespace: np-b}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress: [{to: [{ipBlock: {cidr: 10.88.168.0/24, except: [10.88.168.2/31]}}], ports: [{port: 9099}]}]
      """;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"host-gw, iptables", "vxlan, iptables", "vxlan, nftables", "host-gw, userspace", "vxlan, userspace"})
  void ingressOnOneNodeEgressOnTheOther(String backend, String proxyMode, @TempDir Path dir) throws Exception {
    try (NetnsLan lan = new NetnsLan("np" + backend.charAt(0) + proxyMode.charAt(0), "10.88.168")) {
      String serverIp = lan.addHost("s", 1);
      String aIp = lan.addHost("a", 2);
      String bIp = lan.addHost("b", 3);
      lan.joinCaller();
      Path sDir = dir.resolve("s");
      Process server = lan.spawn("s", dir.resolve("server.log"), j8s("server", "--data-dir", sDir.toString(), "--disable-agent",
          "--advertise-address", serverIp, "--cluster-cidr", CLUSTER));
      // a listener on the server host: an address inside the test network but outside the cluster
      lan.spawn("s", dir.resolve("lanhost.log"), List.of("busybox", "nc", "-ll", "-p", "9099", "-e", "echo", "lanhost"));
      lan.spawn("a", dir.resolve("nodea.log"), List.of("busybox", "nc", "-ll", "-p", "9099", "-e", "echo", "nodea"));
      awaitFile(sDir.resolve("kubeconfig.yaml"), server, dir.resolve("server.log"));
      awaitFile(sDir.resolve("server/node-token"), server, dir.resolve("server.log"));
      String token = Files.readString(sDir.resolve("server/node-token")).strip();
      Process agentA = agent(lan, dir, "a", aIp, serverIp, token, backend, proxyMode);
      Process agentB = agent(lan, dir, "b", bIp, serverIp, token, backend, proxyMode);
      Kubectl kubectl = new Kubectl(sDir.resolve("kubeconfig.yaml"));
      try (KubernetesClient c = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(sDir.resolve("kubeconfig.yaml")))).build()) {
        for (String n : List.of("mn-a", "mn-b")) {
          await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
            alive(server, dir.resolve("server.log"));
            alive(agentA, dir.resolve("agent-a.log"));
            alive(agentB, dir.resolve("agent-b.log"));
            var node = c.nodes().withName(n).get();
            return node != null && Readiness.nodeReady(node);
          });
        }
        kubectl.okWithInput(MANIFEST, "apply", "-f", "-");
        for (String p : List.of("np-a/web", "np-b/client", "np-b/other")) {
          String[] nsName = p.split("/");
          kubectl.ok("-n", nsName[0], "wait", "--for=condition=Ready", "pod/" + nsName[1], "--timeout=240s");
        }
        String web = kubectl.ok("-n", "np-a", "get", "pod", "web", "-o", "jsonpath={.status.podIP}").strip();
        String svc = kubectl.ok("-n", "np-a", "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").strip();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> reaches(kubectl, "client", web, 8080, "web"));
        assertThat(reaches(kubectl, "other", web, 8080, "web")).isTrue();
        await().atMost(FOLLOW).pollInterval(Duration.ofSeconds(1)).until(() -> reaches(kubectl, "client", svc, 80, "web"));
        assertThat(reaches(kubectl, "client", serverIp, 9099, "lanhost")).isTrue();
        assertThat(reaches(kubectl, "client", aIp, 9099, "nodea")).isTrue();

        kubectl.okWithInput(WEB_FROM_CLIENT, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(300)).until(() -> !reaches(kubectl, "other", web, 8080, "web"));
        assertThat(reaches(kubectl, "client", web, 8080, "web")).as("allowed across nodes").isTrue();
        assertThat(reaches(kubectl, "client", svc, 80, "web")).as("allowed across nodes through the Service").isTrue();
        assertThat(reaches(kubectl, "other", svc, 80, "web")).as("denied through the Service too").isFalse();

        kubectl.okWithInput(B_EGRESS_TO_LAN_HOST, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(300)).until(() -> !reaches(kubectl, "client", web, 8080, "web"));
        assertThat(reaches(kubectl, "client", serverIp, 9099, "lanhost")).as("egress to the ipBlock").isTrue();
        assertThat(reaches(kubectl, "client", aIp, 9099, "nodea")).as("the excepted address").isFalse();
        assertThat(reaches(kubectl, "client", svc, 80, "web")).as("egress to the Service's pod refused").isFalse();

        kubectl.ok("delete", "networkpolicy", "--all", "-A");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(300)).until(() -> reaches(kubectl, "other", web, 8080, "web"));
      } finally {
        try {
          kubectl.run("delete", "namespace", "np-a", "np-b", "--wait=true", "--timeout=120s");
        } catch (RuntimeException e) {
          System.out.println("cleaning up: " + e);
        }
        System.out.println("--- agent a log (tail)\n" + tail(dir.resolve("agent-a.log")) + "\n--- agent b log (tail)\n"
            + tail(dir.resolve("agent-b.log")));
      }
    }
  }

  /** Whether a TCP connection from the np-b pod to ip:port succeeds (and, for a non-empty {@code expect}, answers it). */
  static boolean reaches(Kubectl kubectl, String pod, String ip, int port, String expect) {
    String payload = port == 8080 || port == 80 ? "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | " : "echo | ";
    ProcessResult r = kubectl.run("-n", "np-b", "exec", pod, "--", "sh", "-c", payload + "timeout 4 nc -w 2 " + ip + " " + port);
    return r.ok() && r.stdout().contains(expect);
  }

  static Process agent(NetnsLan lan, Path dir, String host, String ip, String serverIp, String token, String backend, String proxyMode)
      throws IOException {
    Path sDir = dir.resolve("s");
    return lan.spawn(host, dir.resolve("agent-" + host + ".log"), j8s("agent", "--server", "https://" + serverIp + ":6443", "--token", token,
        "--server-ca", sDir.resolve("server/tls/server-ca.crt").toString(), "--kubelet-client-ca",
        sDir.resolve("server/tls/client-ca.crt").toString(), "--data-dir", dir.resolve(host).toString(), "--node-name", "mn-" + host,
        "--node-ip", ip, "--cluster-cidr", CLUSTER, "--flannel-backend", backend, "--proxy-mode", proxyMode));
  }
}
