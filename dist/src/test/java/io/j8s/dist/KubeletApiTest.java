package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.ContainerRuntime;
import io.j8s.kubelet.containerd.ContainerdPaths;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.server.KubeletServer;
import io.j8s.testkit.Ports;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kubectl logs, exec, cp and port-forward end to end: the real kubectl, the API server (pods/log,
 * pods/exec, pods/portforward proxied to the node's kubelet), a KubeletServer on a real
 * containerd, and a pod whose sandbox and container this test makes through CRI with the
 * kubelet's labels and log paths (standing in for the pod manager).
 */
@Tag("integration")
@WithJ8sServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeletApiTest {
  static final String SUBNET = "10.88.174"; // CNI subnet no other test uses
  static final String NODE = "kapi-node";
  static Path agent;
  static ContainerRuntime runtime;
  static CriRuntime cri;
  static KubeletServer kubelet;
  static KubernetesClient client;
  static String cgroupParent;
  static String sandboxId;
  static PodSandboxConfig sandbox;
  static String container0;

  @BeforeAll
  static void start(RunningServer server) throws Exception {
    agent = Files.createTempDirectory("j8s-kapi-dist").resolve("agent");
    Path conf = new ContainerdPaths(agent).cniConfDir();
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("10-j8s-test.conflist"), """
        {"cniVersion":"1.0.0","name":"j8s-test","plugins":[
          {"type":"bridge","bridge":"j8skapi1","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}
        ]}
        """.formatted(SUBNET, agent.resolve("cni/ipam")));
    runtime = ContainerRuntime.start(agent, Duration.ofSeconds(90), line -> System.out.println("j8s: " + line));
    cri = runtime.cri();
    cgroupParent = runtime.supervisor().config().cgroupDriver().cgroupParent("j8s_test");
    client = server.client();
    kubelet = KubeletServer.start("127.0.0.1", 0, agent, server.dataDir().resolve("server/tls/client-ca.crt"), NODE,
        List.of("127.0.0.1"), cri, () -> client.pods().inAnyNamespace().withField("spec.nodeName", NODE).list().getItems());

    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
    client.nodes().withName(NODE).editStatus(n -> new NodeBuilder(n).editOrNewStatus()
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubelet.port()).endKubeletEndpoint().endDaemonEndpoints()
        .endStatus().build());
    Pod pod = client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNodeName(NODE).addNewToleration().withOperator("Exists").endToleration()
        .addNewContainer().withName("main").withImage(LocalImages.BUSYBOX).endContainer().endSpec().build()).create();
    String uid = pod.getMetadata().getUid();
    Path logDir = agent.resolve("logs/pods/default_web_" + uid);
    Files.createDirectories(logDir);
    sandbox = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName("web").setNamespace("default").setUid(uid))
        .setHostname("web").setLogDirectory(logDir.toString())
        .putLabels("io.kubernetes.pod.name", "web").putLabels("io.kubernetes.pod.namespace", "default").putLabels("io.kubernetes.pod.uid", uid)
        .setLinux(LinuxPodSandboxConfig.newBuilder().setCgroupParent(cgroupParent)).build();
    sandboxId = cri.runPodSandbox(sandbox);
    container0 = startContainer(0, "mkdir -p /www; echo hello-http > /www/index.html; httpd -p 8080 -h /www; echo started; "
        + "while :; do if [ -f /tmp/say ]; then cat /tmp/say; rm /tmp/say; fi; sleep 0.05; done");
    client.pods().inNamespace("default").withName("web").editStatus(p -> new PodBuilder(p).editOrNewStatus().withPhase("Running")
        .withPodIP(cri.podSandboxStatus(sandboxId).getNetwork().getIp()).endStatus().build());
  }

  static String startContainer(int attempt, String script) {
    String uid = sandbox.getMetadata().getUid();
    String id = cri.createContainer(sandboxId, ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName("main").setAttempt(attempt))
        .setImage(ImageSpec.newBuilder().setImage(LocalImages.BUSYBOX))
        .addAllCommand(List.of("sh", "-c", script)).setLogPath("main/" + attempt + ".log")
        .putLabels("io.kubernetes.pod.name", "web").putLabels("io.kubernetes.pod.namespace", "default")
        .putLabels("io.kubernetes.pod.uid", uid).putLabels("io.kubernetes.container.name", "main")
        .putAnnotations("io.kubernetes.container.restartCount", String.valueOf(attempt)).build(), sandbox);
    cri.startContainer(id);
    return id;
  }

  @AfterAll
  static void stop() throws Exception {
    if (kubelet != null) kubelet.close();
    if (client != null) client.close();
    if (runtime != null) {
      try {
        cri.removeAllPodSandboxes();
      } finally {
        runtime.close();
      }
    }
    new ProcessRunner().run("rm", "-rf", "--one-file-system", agent.getParent().toString());
    Path root = Path.of("/sys/fs/cgroup");
    if (Files.isDirectory(root)) {
      try (var s = Files.list(root)) {
        for (Path p : s.toList()) Files.deleteIfExists(p.resolve("j8s_test"));
      }
      Files.deleteIfExists(root.resolve("j8s_test"));
    }
  }

  static void say(String line) {
    cri.execSync(container0, List.of("sh", "-c", "echo '" + line + "' > /tmp/say.new && mv /tmp/say.new /tmp/say"), Duration.ofSeconds(10));
  }

  @Test
  @Order(1)
  void logsTailAndFollow(Kubectl k) throws Exception {
    say("second");
    await(() -> k.ok("logs", "web").equals("started\nsecond\n"));
    long t0 = System.nanoTime();
    assertThat(k.ok("logs", "web")).isEqualTo("started\nsecond\n");
    System.out.printf("FIGURE kubectl logs (whole command, through API server and kubelet): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(k.ok("logs", "web", "--tail=1")).isEqualTo("second\n");
    assertThat(k.ok("logs", "web", "-c", "main", "--since=1h")).isEqualTo("started\nsecond\n");
    assertThat(k.ok("logs", "web", "--timestamps", "--tail=1")).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z second\\n");
    ProcessResult bad = k.run("logs", "web", "-c", "nope");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("container nope is not valid for pod web");
    assertThat(k.run("logs", "absent").stderr()).contains("pods \"absent\" not found");

    long f0 = System.nanoTime();
    Process follow = k.start("logs", "-f", "web");
    try {
      Lines out = new Lines(follow);
      assertThat(out.next(Duration.ofSeconds(15))).isEqualTo("started");
      System.out.printf("FIGURE kubectl logs -f: start to first line: %d ms%n", (System.nanoTime() - f0) / 1_000_000);
      assertThat(out.next(Duration.ofSeconds(5))).isEqualTo("second");
      long s0 = System.nanoTime();
      say("third");
      assertThat(out.next(Duration.ofSeconds(1))).isEqualTo("third");
      System.out.printf("FIGURE kubectl logs -f: a new line seen after %d ms%n", (System.nanoTime() - s0) / 1_000_000);
    } finally {
      follow.destroy();
    }
  }

  @Test
  @Order(2)
  void execWithExitCodeAndStdin(Kubectl k) {
    long t0 = System.nanoTime();
    ProcessResult r = k.run("exec", "web", "--", "sh", "-c", "echo hi; exit 3");
    System.out.printf("FIGURE kubectl exec round trip (whole command): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(r.stdout()).isEqualTo("hi\n");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      long t1 = System.nanoTime();
      k.ok("exec", "web", "--", "true");
      System.out.printf("FIGURE kubectl exec true: %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    }
    assertThat(k.okWithInput("hello stdin\nline two\n", "exec", "-i", "web", "--", "cat")).isEqualTo("hello stdin\nline two\n");
    assertThat(k.ok("exec", "web", "-c", "main", "--", "sh", "-c", "echo err >&2; echo out")).isEqualTo("out\n");
    assertThat(k.run("exec", "web", "-c", "nope", "--", "true").stderr()).contains("container nope is not valid for pod web");
    // which stream protocol kubectl ended up with (for the record: WebSocket v5 refused by containerd, then SPDY)
    k.run("-v=7", "exec", "web", "--", "true").stderr().lines()
        .filter(l -> l.contains("Response Status") || l.contains("allback") || l.contains("rotocol")).forEach(l -> System.out.println("PROTOCOL " + l));
  }

  @Test
  @Order(4)
  void attachSeesTheMainProcessOutput(Kubectl k) throws Exception {
    Process attach = k.start("attach", "web", "-c", "main");
    try {
      Lines out = new Lines(attach);
      String seen = null;
      for (int i = 0; i < 20 && !"attached".equals(seen); i++) {
        say("attached"); // again until the attachment is in place
        seen = out.next(Duration.ofMillis(500));
      }
      assertThat(seen).isEqualTo("attached");
    } finally {
      attach.destroy();
    }
  }

  @Test
  @Order(6)
  void errorsNameTheNodeAndPod(Kubectl k) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("gone-node").endMetadata().build()).create();
    int closed = Ports.free();
    client.nodes().withName("gone-node").editStatus(n -> new NodeBuilder(n).editOrNewStatus()
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(closed).endKubeletEndpoint().endDaemonEndpoints()
        .endStatus().build());
    for (String[] p : new String[][] {{"orphan", "gone-node"}, {"unbound", null}}) {
      client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(p[0]).endMetadata()
          .withNewSpec().withNodeName(p[1]).addNewToleration().withOperator("Exists").endToleration()
          .addNewContainer().withName("c").withImage(LocalImages.BUSYBOX).endContainer().endSpec().build()).create();
    }
    assertThat(k.run("logs", "orphan").stderr()).contains("gone-node").contains("127.0.0.1:" + closed);
    assertThat(k.run("logs", "unbound").stderr()).contains("pod unbound does not have a host assigned");
  }

  @Test
  @Order(3)
  void copyBothWays(Kubectl k) throws Exception {
    Path dir = Files.createTempDirectory("j8s-cp");
    Path local = Files.writeString(dir.resolve("in.txt"), "copied in\n".repeat(1000));
    k.ok("cp", local.toString(), "default/web:/tmp/in.txt");
    assertThat(k.ok("exec", "web", "--", "sh", "-c", "wc -l < /tmp/in.txt")).isEqualTo("1000\n");
    k.ok("cp", "default/web:/tmp/in.txt", dir.resolve("back.txt").toString());
    assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("copied in\n".repeat(1000));
    new ProcessRunner().run("rm", "-rf", dir.toString());
  }

  @Test
  @Order(5)
  void portForwardToHttpd(Kubectl k) throws Exception {
    int port = Ports.free();
    Process pf = k.start("port-forward", "pod/web", port + ":8080", "--address", "127.0.0.1");
    try {
      Lines out = new Lines(pf);
      assertThat(out.next(Duration.ofSeconds(15))).contains("Forwarding from 127.0.0.1:" + port + " -> 8080");
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("FIGURE HTTP GET through kubectl port-forward: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello-http\n");
      }
    } finally {
      pf.destroy();
    }
  }

  @Test
  @Order(7)
  void previousAfterARestart(Kubectl k) throws Exception {
    cri.stopContainer(container0, Duration.ZERO);
    container0 = startContainer(1, "echo attempt-1; sleep 3600");
    await(() -> k.ok("logs", "web").equals("attempt-1\n"));
    assertThat(k.ok("logs", "web", "--previous")).startsWith("started\nsecond\nthird\nattached\n"); // attach may have said it more than once
    assertThat(k.ok("logs", "web", "-p", "--tail=1")).isEqualTo("attached\n");
  }

  /** A process's output lines, read by a virtual thread so that a test can wait for the next one with a timeout. */
  static final class Lines {
    private final java.util.concurrent.BlockingQueue<String> queue = new java.util.concurrent.LinkedBlockingQueue<>();

    Lines(Process p) {
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Thread.ofVirtual().start(() -> {
        try {
          for (String l; (l = r.readLine()) != null; ) queue.add(l);
        } catch (java.io.IOException e) {
          // the process went away
        }
      });
    }

    /** The next line, or null after {@code d}. */
    String next(Duration d) throws InterruptedException { return queue.poll(d.toMillis(), TimeUnit.MILLISECONDS); }
  }

  static void await(java.util.concurrent.Callable<Boolean> cond) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    AssertionError last = null;
    while (System.nanoTime() < end) {
      try {
        if (cond.call()) return;
      } catch (AssertionError e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw last != null ? last : new AssertionError("condition not met within 15 s");
  }
}
