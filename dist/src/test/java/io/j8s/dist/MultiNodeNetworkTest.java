package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.api.status.Readiness;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.netns.NetnsLan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three namespace hosts on one LAN bridge (172.31.201.0/24): a {@code j8s server
 * --disable-agent} and two {@code j8s agent}s as separate processes, each with its own containerd.
 * With each backend: both agents route to each other's pod subnet; a pod on one node reaches a pod
 * on the other over TCP (HTTP to busybox httpd, both ways; httpd logs the peer's pod IP, so it was
 * not masqueraded; busybox nc as the client) and UDP (datagrams between the pods' network namespaces, source address
 * checked); when a node leaves (agent stopped, Node deleted) its routes disappear from the other.
 * Cluster CIDR 10.88.200.0/22 inside the test's own namespaces.
 */
@Tag("integration")
class MultiNodeNetworkTest {
  static final String CLUSTER = "10.88.200.0/22";
  static final Duration LONG = Duration.ofMinutes(4);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"host-gw", "vxlan"})
  void podsTalkAcrossNodesAndRoutesFollowTheNodes(String backend, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (NetnsLan lan = new NetnsLan(backend.equals("vxlan") ? "mnvx" : "mngw", "172.31.201")) {
      String serverIp = lan.addHost("s", 1);
      String aIp = lan.addHost("a", 2);
      String bIp = lan.addHost("b", 3);
      lan.joinCaller();
      Path sDir = dir.resolve("s");
      Process server = lan.spawn("s", dir.resolve("server.log"), j8s("server", "--data-dir", sDir.toString(), "--disable-agent",
          "--advertise-address", serverIp, "--cluster-cidr", CLUSTER));
      awaitFile(sDir.resolve("kubeconfig.yaml"), server, dir.resolve("server.log"));
      awaitFile(sDir.resolve("server/node-token"), server, dir.resolve("server.log"));
      String token = Files.readString(sDir.resolve("server/node-token")).strip();
      Process agentA = agent(lan, dir, "a", aIp, serverIp, token, backend);
      Process agentB = agent(lan, dir, "b", bIp, serverIp, token, backend);
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
        String cidrA = c.nodes().withName("mn-a").get().getSpec().getPodCIDR();
        String cidrB = c.nodes().withName("mn-b").get().getSpec().getPodCIDR();
        assertThat(c.nodes().withName("mn-a").get().getMetadata().getAnnotations())
            .containsEntry("flannel.alpha.coreos.com/backend-type", backend).containsEntry("flannel.alpha.coreos.com/public-ip", aIp);
        await().atMost(LONG).untilAsserted(() -> {
          assertThat(routes(lan, "a")).contains(cidrB);
          assertThat(routes(lan, "b")).contains(cidrA);
        });
        if (backend.equals("vxlan")) {
          assertThat(lan.exec("a", "ip", "-d", "link", "show", "flannel.1").stdout()).contains("vxlan id 1").contains("dstport 8472")
              .contains("mtu 1450").contains("nolearning");
          assertThat(Files.readString(dir.resolve("a/agent/cni/net.d/10-j8s.conflist"))).contains("\"mtu\" : 1450");
        } else {
          assertThat(routes(lan, "a")).contains(cidrB + " via " + bIp + " dev eth0");
          assertThat(Files.readString(dir.resolve("a/agent/cni/net.d/10-j8s.conflist"))).contains("\"mtu\" : 1500");
        }

        c.pods().inNamespace("default").resource(peer("pa", "mn-a")).create();
        c.pods().inNamespace("default").resource(peer("pb", "mn-b")).create();
        await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> podIp(c, "pa") != null && podIp(c, "pb") != null);
        String ipA = podIp(c, "pa");
        String ipB = podIp(c, "pb");
        assertThat(ipA).startsWith(cidrA.substring(0, cidrA.lastIndexOf('.')));
        assertThat(ipB).startsWith(cidrB.substring(0, cidrB.lastIndexOf('.')));

        // TCP both ways, by pod IP; the server sees the client's pod IP (no masquerade inside the cluster CIDR)
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
            assertThat(kubectl.ok("exec", "pb", "--", "sh", "-c", httpGet(ipA))).contains("hello from pa"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
            assertThat(kubectl.ok("exec", "pa", "--", "sh", "-c", httpGet(ipB))).contains("hello from pb"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kubectl.ok("logs", "pa")).contains(ipB));

        // UDP between the two pods' network namespaces
        assertThat(udp(pidOf("/www-pb", ipB), pidOf("/www-pa", ipA), ipA)).isEqualTo("udp-hello " + ipB);

        // a node leaving: its agent stops, its Node is deleted; the other node drops its routes
        c.pods().inNamespace("default").withName("pb").delete();
        await().atMost(LONG).until(() -> c.pods().inNamespace("default").withName("pb").get() == null);
        NetnsLan.stop(agentB, 30);
        assertThat(routes(lan, "a")).as("a stopped agent's node keeps its routes").contains(cidrB);
        c.nodes().withName("mn-b").delete();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(routes(lan, "a")).doesNotContain(cidrB));
        if (backend.equals("vxlan")) {
          // the applier removes the route, then the neighbour and FDB entries: awaited, not read at the instant the route went
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(lan.exec("a", "ip", "neigh", "show", "dev", "flannel.1", "nud", "permanent").stdout()).doesNotContain(cidrB.replace("/24", ""));
            assertThat(lan.exec("a", "bridge", "fdb", "show", "dev", "flannel.1").stdout()).doesNotContain(bIp);
          });
        }
      } finally {
        cleanUp(kubectl);
        System.out.println("--- server log (tail)\n" + tail(dir.resolve("server.log")) + "\n--- agent a log (tail)\n"
            + tail(dir.resolve("agent-a.log")) + "\n--- agent b log (tail)\n" + tail(dir.resolve("agent-b.log")));
      }
    }
  }

  static Process agent(NetnsLan lan, Path dir, String host, String ip, String serverIp, String token, String backend) throws IOException {
    Path sDir = dir.resolve("s");
    return lan.spawn(host, dir.resolve("agent-" + host + ".log"), j8s("agent", "--server", "https://" + serverIp + ":6443", "--token", token,
        "--server-ca", sDir.resolve("server/tls/server-ca.crt").toString(), "--kubelet-client-ca",
        sDir.resolve("server/tls/client-ca.crt").toString(), "--data-dir", dir.resolve(host).toString(), "--node-name", "mn-" + host,
        "--node-ip", ip, "--cluster-cidr", CLUSTER, "--flannel-backend", backend));
  }

  static List<String> j8s(String... args) {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.j8s.dist.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A plain HTTP GET with busybox nc (busybox-static's wget segfaults on these machines: exit 139). */
  static String httpGet(String ip) {
    return "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + ip + " 8080";
  }

  static Pod peer(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNodeName(node)
        .withTerminationGracePeriodSeconds(0L).addNewContainer().withName("c").withImage("j8s.local/busybox:1").withImagePullPolicy("IfNotPresent")
        .withCommand("sh", "-c", "mkdir -p /www-" + name + " && echo hello from " + name + " > /www-" + name + "/index.html && exec httpd -f -v -p 8080 -h /www-" + name)
        .endContainer().endSpec().build();
  }

  static String podIp(KubernetesClient c, String name) {
    Pod p = c.pods().inNamespace("default").withName(name).get();
    return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) ? p.getStatus().getPodIP() : null;
  }

  /** The j8s routes of a host, one per line. */
  static String routes(NetnsLan lan, String host) {
    return lan.exec(host, "ip", "route", "show", "proto", "98").stdout();
  }

  /**
   * The PID of the pod's httpd: command line containing {@code marker}, in a network namespace
   * holding {@code podIp}, and of those the latest started (an earlier run's pods may have left an
   * httpd with the same marker, even with the same address, behind).
   */
  static long pidOf(String marker, String podIp) throws IOException {
    long best = -1;
    long bestStart = -1;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          if (!cmdline.startsWith("httpd") || !cmdline.contains(marker)) continue;
          String pid = p.getFileName().toString();
          if (!new io.j8s.base.process.ProcessRunner().run("nsenter", "-t", pid, "-n", "ip", "-o", "-4", "addr")
              .stdout().contains(" " + podIp + "/")) continue;
          String stat = Files.readString(p.resolve("stat"));
          long start = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]); // field 22: starttime
          if (start > bestStart) {
            bestStart = start;
            best = Long.parseLong(pid);
          }
        } catch (IOException e) {
          // gone
        }
      }
    }
    if (best < 0) throw new IllegalStateException("no httpd with " + marker + " in the network namespace of " + podIp);
    return best;
  }


  /** Sends datagrams from the network namespace of {@code fromPid} to {@code toIp}:9090 until the receiver in {@code toPid}'s gets one. */
  static String udp(long fromPid, long toPid, String toIp) throws Exception {
    Process rx = new ProcessBuilder("nsenter", "-t", Long.toString(toPid), "-n", "python3", "-c",
        "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',9090))\ns.settimeout(120)\n"
            + "d,a=s.recvfrom(100)\nprint(d.decode(),a[0],flush=True)").redirectErrorStream(true).start();
    Thread.sleep(1000);
    Process tx = new ProcessBuilder("nsenter", "-t", Long.toString(fromPid), "-n", "python3", "-c",
        "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\nfor i in range(600):\n"
            + "  s.sendto(b'udp-hello',('" + toIp + "',9090)); time.sleep(0.2)").redirectErrorStream(true).start();
    try {
      assertThat(rx.waitFor(150, TimeUnit.SECONDS)).as("a datagram arrived").isTrue();
      return new String(rx.getInputStream().readAllBytes()).strip();
    } finally {
      tx.destroyForcibly();
      rx.destroyForcibly();
    }
  }

  static void cleanUp(Kubectl kubectl) {
    try {
      kubectl.run("delete", "pods", "--all", "--wait=true", "--timeout=120s");
    } catch (Exception e) {
      System.out.println("cleaning up pods: " + e);
    }
  }

  static void alive(Process p, Path log) throws IOException {
    if (!p.isAlive()) throw new AssertionError("process exited with " + p.exitValue() + ":\n" + tail(log));
  }

  static void awaitFile(Path f, Process owner, Path log) {
    await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() -> {
      alive(owner, log);
      return Files.isRegularFile(f) && Files.size(f) > 0;
    });
  }

  static String tail(Path log) {
    try {
      List<String> l = Files.readAllLines(log);
      return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
