package io.j8s.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.ContainerRuntime;
import io.j8s.kubelet.cri.CriRuntime;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kubelet API against a real containerd (inside the test's network namespace): pods made
 * through CRI as the pod manager makes them, logs read and followed, exec relayed to containerd's
 * streaming server over the legacy WebSocket protocol.
 */
@Tag("integration")
class KubeletServerTest {
  static final String SUBNET = "10.88.173"; // CNI subnet no other test uses
  static Path dataDir;
  static Path agent;
  static ContainerRuntime runtime;
  static CriRuntime cri;
  static CriPods pods;
  static KubeletServer server;
  static TestPki pki;
  static HttpClient client;
  static final List<Pod> known = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("j8s-kapi");
    agent = dataDir.resolve("agent");
    writeBridgeConflist(agent, SUBNET);
    runtime = ContainerRuntime.start(agent, Duration.ofSeconds(90), line -> System.out.println("j8s: " + line));
    cri = runtime.cri();
    pods = new CriPods(cri, agent, runtime.supervisor().config().cgroupDriver().cgroupParent("j8s_test"));
    pki = new TestPki("O=system:masters,CN=kube-apiserver-kubelet-client");
    Path ca = pki.writeCa(dataDir);
    server = KubeletServer.start("127.0.0.1", 0, agent, ca, "node-a", List.of("127.0.0.1"), cri, () -> known);
    client = HttpClient.newBuilder().sslContext(pki.context(agent.resolve("kubelet/kubelet.crt"), true)).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (runtime != null) {
      try {
        cri.removeAllPodSandboxes();
      } finally {
        runtime.close();
      }
    }
    new ProcessRunner().run("rm", "-rf", "--one-file-system", dataDir.toString());
    io.j8s.kubelet.ContainerRuntimeTest.removeTestCgroups();
  }

  static void writeBridgeConflist(Path agentDir, String prefix) throws Exception {
    Path dir = new io.j8s.kubelet.containerd.ContainerdPaths(agentDir).cniConfDir();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("10-j8s-test.conflist"), """
        {"cniVersion":"1.0.0","name":"j8s-test","plugins":[
          {"type":"bridge","bridge":"j8skapi0","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"%s.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}],"dataDir":"%s"}}
        ]}
        """.formatted(prefix, agentDir.resolve("cni/ipam")));
  }

  static URI uri(String pathAndQuery) { return URI.create("https://127.0.0.1:" + server.port() + pathAndQuery); }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Pod pod(String ns, String name, String uid, String restartPolicy) {
    return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).withUid(uid).endMetadata()
        .withNewSpec().withRestartPolicy(restartPolicy).addNewContainer().withName("main").withImage("busybox").endContainer().endSpec()
        .build();
  }

  @Test
  void healthzPodsAndClientCertificates() throws Exception {
    HttpClient anonymous = HttpClient.newBuilder().sslContext(pki.context(agent.resolve("kubelet/kubelet.crt"), false)).build();
    assertThat(anonymous.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    assertThat(get("/healthz").body()).isEqualTo("ok");
    known.add(pod("default", "listed", "uid-listed", "Always"));
    HttpResponse<String> list = get("/pods");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"kind\":\"PodList\"").contains("\"name\":\"listed\"");
    assertThat(get("/containerLogs/default/absent/main").body()).contains("container \\\"main\\\" in pod \\\"absent\\\" is not available");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void logsWholeTailTimestampsLimitAndPartialLines() throws Exception {
    String uid = UUID.randomUUID().toString();
    CriPods.Sandbox s = pods.sandbox("default", "printer", uid);
    // a 40,000-character line: containerd writes it as partial (P) records of 16 KiB
    pods.start(s, "main", 0, "echo one; echo two >&2; echo three; head -c 40000 /dev/zero | tr '\\0' x; echo; echo done; sleep 3600");
    String x = "x".repeat(40000);
    // stdout and stderr are separate pipes: the stderr line may land anywhere around its neighbours, even after "done"
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String body = get("/containerLogs/default/printer/main").body();
      assertThat(("\n" + body).contains("\ndone\n") && ("\n" + body).contains("\ntwo\n"))
          .as(body.length() > 300 ? body.substring(0, 100) + "..." + body.substring(body.length() - 200) : body).isTrue();
    });
    String all = get("/containerLogs/default/printer/main").body();
    assertThat(all.replaceFirst("(?m)^two\n", "")).isEqualTo("one\nthree\n" + x + "\ndone\n");
    List<String> lines = List.of(all.split("\n"));
    int n = lines.size();
    assertThat(get("/containerLogs/default/printer/main?tailLines=2").body()).isEqualTo(lines.get(n - 2) + "\n" + lines.get(n - 1) + "\n");
    String tail3 = get("/containerLogs/default/printer/main?tailLines=3").body();
    assertThat(tail3).isEqualTo(String.join("\n", lines.subList(n - 3, n)) + "\n").contains(x + "\n"); // the partial records joined
    assertThat(get("/containerLogs/default/printer/main?tailLines=0").body()).isEmpty();
    assertThat(get("/containerLogs/default/printer/main?limitBytes=5").body()).isEqualTo(all.substring(0, 5)); // "one\nt" or "two\no"
    String stamped = get("/containerLogs/default/printer/main?timestamps=true&tailLines=1").body();
    assertThat(stamped).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z " + lines.get(n - 1) + "\\n");
    assertThat(get("/containerLogs/default/printer/main?sinceSeconds=3600").body()).isEqualTo(all);
    assertThat(get("/containerLogs/default/printer/main?sinceTime=2999-01-01T00:00:00Z").body()).isEmpty();
    HttpResponse<String> bad = get("/containerLogs/default/printer/main?tailLines=-1");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(get("/containerLogs/default/printer/main?previous=true").body())
        .contains("previous terminated container \\\"main\\\" in pod \\\"printer\\\" not found");
  }

  @Test
  void followSeesNewLinesAndTheNextAttempt() throws Exception {
    String uid = UUID.randomUUID().toString();
    known.add(pod("default", "ticker", uid, "Always"));
    CriPods.Sandbox s = pods.sandbox("default", "ticker", uid);
    String first = pods.start(s, "main", 0, "echo attempt0; read line; echo got $line; exit 1");
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/containerLogs/default/ticker/main").body().equals("attempt0\n"));

    long t0 = System.nanoTime();
    HttpResponse<InputStream> follow = client.send(HttpRequest.newBuilder(uri("/containerLogs/default/ticker/main?follow=true")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader lines = new BufferedReader(new InputStreamReader(follow.body(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("attempt0");
    System.out.printf("FIGURE kubelet logs follow, request to first line: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    // the container exits; its next attempt starts (as the pod manager would restart it) and the follow moves on
    execStdin(first, "bye\n");
    assertThat(readWithin(lines, Duration.ofSeconds(2))).isEqualTo("got bye");
    await().atMost(Duration.ofSeconds(10)).until(() -> cri.containerStatus(first).getState().getNumber() == 2);
    pods.start(s, "main", 1, "echo attempt1; sleep 3600");
    long t1 = System.nanoTime();
    assertThat(readWithin(lines, Duration.ofSeconds(5))).isEqualTo("attempt1");
    System.out.printf("FIGURE follow switched to the next attempt's file within %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    follow.body().close();

    assertThat(get("/containerLogs/default/ticker/main?previous=true").body()).isEqualTo("attempt0\ngot bye\n");
    assertThat(get("/containerLogs/default/ticker/main").body()).isEqualTo("attempt1\n");
  }

  /** Writes to the container's main process's stdin: attach over WebSocket v4, relayed by the kubelet to containerd. */
  static void execStdin(String containerId, String text) throws Exception {
    WsResult r = webSocket("/attach/default/ticker/main?stdin=1&stdout=1&stderr=1", text, false);
    assertThat(r.error()).doesNotContain("Failure");
  }

  static String readWithin(BufferedReader r, Duration d) throws Exception {
    CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
      try {
        return r.readLine();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    return f.get(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void execOverWebSocketV4() throws Exception {
    String uid = UUID.randomUUID().toString();
    CriPods.Sandbox s = pods.sandbox("default", "shell", uid);
    pods.start(s, "main", 0, "sleep 3600");
    await().atMost(Duration.ofSeconds(10)).until(() -> get("/containerLogs/default/shell/main").statusCode() == 200);
    long t0 = System.nanoTime();
    WsResult r = webSocket("/exec/default/shell/main?command=sh&command=-c&command=echo%20hi%3B%20echo%20err%20%3E%262%3B%20exit%203"
        + "&stdout=1&stderr=1", null, true);
    System.out.printf("FIGURE kubelet exec round trip (WebSocket v4 via containerd): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(r.stdout()).isEqualTo("hi\n");
    assertThat(r.stderr()).isEqualTo("err\n");
    assertThat(r.error()).contains("NonZeroExitCode").contains("\"message\":\"3\"");
    HttpResponse<String> notRunning = get("/exec/default/nothere/main?command=true&stdout=1");
    assertThat(notRunning.statusCode()).isEqualTo(400);
  }

  record WsResult(String stdout, String stderr, String error) {}

  /** A v4.channel.k8s.io WebSocket session: optional stdin (channel 0), then collects channels 1-3 until the server closes. */
  static WsResult webSocket(String pathAndQuery, String stdin, boolean waitForClose) throws Exception {
    StringBuilder out = new StringBuilder(), err = new StringBuilder(), error = new StringBuilder();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocket ws = client.newWebSocketBuilder().subprotocols("v4.channel.k8s.io")
        .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + pathAndQuery), new WebSocket.Listener() {
          @Override public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte ch = data.get();
            String text = StandardCharsets.UTF_8.decode(data).toString();
            synchronized (out) {
              (ch == 1 ? out : ch == 2 ? err : error).append(text);
            }
            w.request(1);
            return null;
          }
          @Override public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(null);
            return null;
          }
          @Override public void onError(WebSocket w, Throwable e) { closed.completeExceptionally(e); }
        }).get(10, TimeUnit.SECONDS);
    if (stdin != null) {
      byte[] b = stdin.getBytes(StandardCharsets.UTF_8);
      ByteBuffer frame = ByteBuffer.allocate(b.length + 1).put((byte) 0).put(b).flip();
      ws.sendBinary(frame, true).get(5, TimeUnit.SECONDS);
    }
    if (waitForClose) {
      closed.get(20, TimeUnit.SECONDS);
    } else {
      Thread.sleep(300);
      ws.abort();
    }
    synchronized (out) {
      return new WsResult(out.toString(), err.toString(), error.toString());
    }
  }
}
