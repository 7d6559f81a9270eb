package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.proxy.KubeProxy;
import io.j8s.proxy.ProxyConfig;
import io.j8s.proxy.ProxyMode;
import io.j8s.proxy.sync.SyncSettings;
import io.j8s.testkit.kubectl.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NetworkPolicy end to end on one real node: a server and its agent (as the node's own identity,
 * so the agent's RBAC is exercised) with enforcement on; busybox pods in two namespaces; policies
 * applied with kubectl. Checks default deny, podSelector, namespaceSelector (following a namespace
 * relabel), a named port, default-deny egress, that an established connection a new policy
 * forbids stops while it is cut, that the same holds through a Service's ClusterIP (kube-proxy
 * beside the agent, in iptables and in nftables mode: both DNAT before the policy table's forward
 * hook; in userspace mode: its relay asks the agent's policy engine, and the redirect to it is not
 * judged as egress to the node), an egress policy allowing the Service's pods, and that deleting the
 * policies opens everything again. Pod CIDR 10.88.166.0/24 (cluster CIDR 10.88.166.0/23), used by
 * no other test.
 */
@Tag("integration")
class NetworkPolicyTest {
  static final String NODE = "netpol-it";
  static final String CLUSTER_CIDR = "10.88.166.0/23";
  static final ControllerOptions OPTIONS = new ControllerOptions(CLUSTER_CIDR, 24, Duration.ofSeconds(40), null);
  static final ProcessRunner SH = new ProcessRunner();
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
        terminationGracePeriodSeconds: 0
        containers:
        - name: web
          image: j8s.local/busybox:1
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", "mkdir -p /www && echo web > /www/index.html && (nc -ll -p 7000 -e cat &) && exec httpd -f -p 8080 -h /www"]
          ports: [{name: http, containerPort: 8080}, {name: echo, containerPort: 7000}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: friend, namespace: np-a, labels: {app: friend}}
      spec:
        terminationGracePeriodSeconds: 0
        containers:
        - {name: c, image: j8s.local/busybox:1, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: client, namespace: np-b, labels: {app: client}}
      spec:
        terminationGracePeriodSeconds: 0
        containers:
        - {name: c, image: j8s.local/busybox:1, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: np-a}
      spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}, {name: echo, port: 7000, targetPort: echo}]}
      """;

  static final String DENY_A = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny, namespace: np-a}
      spec: {podSelector: {}}
      """;

  static final String ALLOW_TEAM_B_HTTP = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-from-b, namespace: np-a}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}], ports: [{port: http}]}]
      """;

  static final String ALLOW_FRIEND = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-from-friend, namespace: np-a}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress: [{from: [{podSelector: {matchLabels: {app: friend}}}]}]
      """;

  static final String B_EGRESS_TO_A_HTTP = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: out-a, namespace: np-b}
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress: [{to: [{namespaceSelector: {matchLabels: {team: a}}}], ports: [{port: 8080}]}]
      """;

  static final String DENY_B_EGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: no-egress, namespace: np-b}
      spec: {podSelector: {}, policyTypes: [Egress]}
      """;

  @ParameterizedTest
  @EnumSource(value = ProxyMode.class, names = {"IPTABLES", "NFTABLES", "USERSPACE"})
  void policiesAllowAndDenyRealPodTraffic(ProxyMode mode, @TempDir Path dir) throws Exception {
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir);
        KubernetesClient node = rt.newNodeClient(dir, NODE)) {
      ProxyCoupling coupling = mode == ProxyMode.USERSPACE ? new ProxyCoupling(new RelayPolicy(), List.of()) : ProxyCoupling.NONE;
      Agent agent = Agent.start(node, AgentConfig.of(dir, NODE, null, null,
          CniPodNetwork.debian(node, CLUSTER_CIDR, io.j8s.network.flannel.Backend.VXLAN, System.out::println, true, coupling),
          line -> System.out.println("j8s: " + line)));
      Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
      KubeProxy proxy = null;
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        // kube-proxy as the node: policies must hold for traffic through a Service's ClusterIP too
        proxy = KubeProxy.start(node, new ProxyConfig(mode, NODE, List.of(agent.facts().nodeIp()), CLUSTER_CIDR,
            "10.43.0.0/16", new SyncSettings(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofHours(1)),
            new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), "rr",
            coupling.connectionPolicy()));
        kubectl.okWithInput(MANIFEST, "apply", "-f", "-");
        for (String p : List.of("np-a/web", "np-a/friend", "np-b/client")) {
          String[] nsName = p.split("/");
          kubectl.ok("-n", nsName[0], "wait", "--for=condition=Ready", "pod/" + nsName[1], "--timeout=180s");
        }
        String web = kubectl.ok("-n", "np-a", "get", "pod", "web", "-o", "jsonpath={.status.podIP}").strip();
        assertThat(web).startsWith("10.88.166.");
        String svc = kubectl.ok("-n", "np-a", "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").strip();
        await().atMost(FOLLOW).untilAsserted(() -> assertThat(get(kubectl, "np-b", "client", web)).as("no policy").isTrue());
        assertThat(get(kubectl, "np-a", "friend", web)).isTrue();
        await().atMost(FOLLOW).untilAsserted(() -> assertThat(get(kubectl, "np-b", "client", svc, 80)).as("through the Service").isTrue());

        // established connections, direct and through the Service, then default deny in np-a: they are cut, new ones fail
        Conversation talk = Conversation.start(kubectl, "np-b", "client", web);
        Conversation viaService = Conversation.start(kubectl, "np-b", "client", svc);
        try {
          await().atMost(FOLLOW).until(() -> talk.lines().size() >= 3 && viaService.lines().size() >= 3);
          kubectl.okWithInput(DENY_A, "apply", "-f", "-");
          long t0 = System.nanoTime();
          await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> !get(kubectl, "np-b", "client", web));
          System.out.println("default deny in force after " + (System.nanoTime() - t0) / 1_000_000 + " ms (includes kubectl exec)");
          int seen = talk.lines().size();
          int seenViaService = viaService.lines().size();
          Thread.sleep(4000);
          assertThat(talk.lines().size()).as("the cut connection gets no more echoes").isLessThanOrEqualTo(seen + 1);
          assertThat(viaService.lines().size()).as("the cut connection through the Service neither").isLessThanOrEqualTo(seenViaService + 1);
        } finally {
          talk.stop();
          viaService.stop();
        }
        assertThat(get(kubectl, "np-a", "friend", web)).as("same namespace, denied too").isFalse();
        assertThat(get(kubectl, "np-b", "client", svc, 80)).as("through the Service, denied too").isFalse();

        // namespaceSelector with a named port; following the namespace's labels
        kubectl.okWithInput(ALLOW_TEAM_B_HTTP, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> get(kubectl, "np-b", "client", web));
        assertThat(get(kubectl, "np-a", "friend", web)).isFalse();
        assertThat(get(kubectl, "np-b", "client", svc, 80)).as("allowed through the Service (DNAT to the named port)").isTrue();
        assertThat(get(kubectl, "np-a", "friend", svc, 80)).as("not allowed through the Service either").isFalse();
        kubectl.ok("label", "namespace", "np-b", "team=x", "--overwrite");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> !get(kubectl, "np-b", "client", web));
        kubectl.ok("label", "namespace", "np-b", "team=b", "--overwrite");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> get(kubectl, "np-b", "client", web));

        // podSelector
        kubectl.okWithInput(ALLOW_FRIEND, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> get(kubectl, "np-a", "friend", web));

        // default deny egress in np-b
        kubectl.okWithInput(DENY_B_EGRESS, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> !get(kubectl, "np-b", "client", web));
        assertThat(get(kubectl, "np-b", "client", svc, 80)).as("no egress through the Service either").isFalse();
        assertThat(get(kubectl, "np-a", "friend", web)).isTrue();

        kubectl.ok("delete", "networkpolicy", "--all", "-A");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> get(kubectl, "np-b", "client", web));

        // egress from np-b only to np-a's port 8080: the Service's pods too (its port 80 is their 8080)
        kubectl.okWithInput(B_EGRESS_TO_A_HTTP, "apply", "-f", "-");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> !get(kubectl, "np-b", "client", web, 7000, "GET"));
        assertThat(get(kubectl, "np-b", "client", web)).as("egress to 8080 allowed").isTrue();
        assertThat(get(kubectl, "np-b", "client", svc, 80)).as("egress allowed through the Service").isTrue();
        assertThat(get(kubectl, "np-b", "client", svc, 7000, "GET")).as("egress to the echo port refused through the Service").isFalse();

        kubectl.ok("-n", "np-b", "delete", "networkpolicy", "out-a");
        await().atMost(FOLLOW).pollInterval(Duration.ofMillis(200)).until(() -> get(kubectl, "np-b", "client", svc, 7000, "GET"));
        String table = SH.run("nft", "list", "table", "inet", "j8s-netpol").stdout();
        assertThat(table).contains("hook forward").doesNotContain("drop");

        // the pods gone before the cleanup, and their volumes torn down (projected tmpfs mounts under the temp dir)
        for (String ns : List.of("np-a", "np-b")) admin.pods().inNamespace(ns).withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(90)).until(() -> agent.cri().listPodSandbox().isEmpty());
        Path pods = dir.resolve("agent/pods");
        await().atMost(Duration.ofSeconds(60)).until(() -> !java.nio.file.Files.isDirectory(pods) || empty(pods));
      } finally {
        if (proxy != null) {
          proxy.close();
          proxy.cleanup();
        }
        try {
          agent.cri().removeAllPodSandboxes();
        } catch (RuntimeException e) {
          System.out.println("cleaning up sandboxes: " + e);
        }
        agent.close();
        SH.run("nft", "delete", "table", "inet", "j8s-netpol");
        SH.run("ip", "link", "del", "cni0");
      }
    }
  }

  static boolean empty(Path dir) throws java.io.IOException {
    try (var s = java.nio.file.Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** Whether an HTTP GET from the pod to {@code ip}:8080 (or {@code port}) answers (busybox nc; busybox-static's wget segfaults here). */
  static boolean get(Kubectl kubectl, String ns, String pod, String ip) {
    return get(kubectl, ns, pod, ip, 8080);
  }

  static boolean get(Kubectl kubectl, String ns, String pod, String ip, int port) {
    return get(kubectl, ns, pod, ip, port, "web");
  }

  /** Whether the GET to {@code ip}:{@code port} is answered with {@code expect} in it (the echo port 7000 answers "GET ..."). */
  static boolean get(Kubectl kubectl, String ns, String pod, String ip, int port, String expect) {
    ProcessResult r = kubectl.run("-n", ns, "exec", pod, "--", "sh", "-c",
        "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | timeout 4 nc -w 2 " + ip + " " + port);
    return r.ok() && r.stdout().contains(expect);
  }

  /** A connection from the pod to {@code ip}:7000 writing a line every 300 ms; the echoes it got back. */
  record Conversation(Process process, List<String> lines) {
    static Conversation start(Kubectl kubectl, String ns, String pod, String ip) {
      Process p = kubectl.start("-n", ns, "exec", pod, "--", "sh", "-c",
          "while true; do echo x; sleep 0.3; done | nc " + ip + " 7000");
      Conversation c = new Conversation(p, Collections.synchronizedList(new ArrayList<>()));
      Thread.ofVirtual().start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
          for (String l; (l = r.readLine()) != null; ) c.lines().add(l);
        } catch (java.io.IOException e) {
          // stopped
        }
      });
      return c;
    }

    void stop() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
