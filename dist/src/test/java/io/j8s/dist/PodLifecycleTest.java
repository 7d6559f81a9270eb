package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.ContainerRuntime;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.pod.PodManager;
import io.j8s.kubelet.pod.PodManagerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real pods: the whole server (API server and controllers) without an agent, a real containerd
 * under a temporary agent dir inside the test's network namespace, a bridge CNI on 10.88.43.0/24 (10.88.41 is VolumesAndEnvRuntimeTest's: the suite shares one network namespace)
 * (used by no other test), a Node object, and the pod manager. The test JVM shares the network
 * namespace, so it reaches pod IPs directly.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodLifecycleTest {
  static final String SUBNET = "10.88.43";
  static final String NODE = "pods-node";
  static final String NS = "pods";
  static Path dir;
  static ServerRuntime server;
  static KubernetesClient client;
  static ContainerRuntime runtime;
  static CriRuntime cri;
  static TestNode node;
  static PodManagerConfig config;
  static PodManager manager;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("j8s-pods");
    server = ServerRuntime.start(new ApiServerConfig(dir, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig.yaml")))).build();
    Path agent = dir.resolve("agent");
    BridgeCni.write(agent, "j8spods0", SUBNET);
    runtime = ContainerRuntime.start(agent, Duration.ofSeconds(90), l -> System.out.println("j8s: " + l));
    cri = runtime.cri();
    await().atMost(Duration.ofSeconds(30)).until(() -> cri.status().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("NetworkReady") && c.getStatus()));
    node = new TestNode(client, NODE, SUBNET + ".1");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    config = PodManagerConfig.defaults(NODE, SUBNET + ".1", agent, runtime.supervisor().config().cgroupDriver());
    manager = PodManager.start(client, cri, config);
  }

  @AfterAll
  static void stop() throws IOException {
    if (manager != null) manager.close();
    if (node != null) node.close();
    if (runtime != null) {
      try {
        cri.removeAllPodSandboxes();
      } finally {
        runtime.close();
      }
    }
    if (client != null) client.close();
    if (server != null) server.close();
    new ProcessRunner().run("rm", "-rf", "--one-file-system", dir.toString());
    removeKubepodsCgroups();
  }

  /** The empty kubepods cgroup trees the test's pods left (cgroupfs; the pod manager removes each pod's own). */
  static void removeKubepodsCgroups() throws IOException {
    Path root = Path.of("/sys/fs/cgroup");
    if (!Files.isDirectory(root)) return;
    List<Path> trees = new ArrayList<>(List.of(root.resolve("kubepods")));
    try (Stream<Path> s = Files.list(root)) {
      s.forEach(h -> trees.add(h.resolve("kubepods")));
    }
    for (Path t : trees) {
      if (!Files.isDirectory(t)) continue;
      try (Stream<Path> s = Files.walk(t)) {
        for (Path p : s.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
          try {
            Files.delete(p);
          } catch (IOException e) {
            System.out.println("could not remove cgroup " + p + ": " + e);
          }
        }
      } catch (IOException e) {
        System.out.println("could not walk " + t + ": " + e);
      }
    }
  }

  static Pod busybox(String name, String restartPolicy, String script) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withNodeName(NODE).withRestartPolicy(restartPolicy).withTerminationGracePeriodSeconds(2L)
        .addNewContainer().withName("main").withImage(LocalImages.BUSYBOX).withCommand("sh", "-c", script).endContainer()
        .endSpec().build();
  }

  static Pod create(Pod p) { return client.pods().inNamespace(NS).resource(p).create(); }

  static Pod get(String name) { return client.pods().inNamespace(NS).withName(name).get(); }

  static String phase(String name) {
    Pod p = get(name);
    return p == null || p.getStatus() == null ? null : p.getStatus().getPhase();
  }

  static Pod awaitPhase(String name, String phase) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> phase.equals(phase(name)));
    return get(name);
  }

  static ContainerStatus status(Pod p, String container) {
    return Stream.concat(p.getStatus().getContainerStatuses().stream(), p.getStatus().getInitContainerStatuses().stream())
        .filter(c -> c.getName().equals(container)).findFirst().orElseThrow();
  }

  static String containerId(Pod p, String container) {
    return status(p, container).getContainerID().substring("containerd://".length());
  }

  static List<io.j8s.kubelet.cri.v1.ContainerStatus> runtimeContainers(String uid) {
    return cri.listContainers(ContainerFilter.newBuilder().putLabelSelector("io.kubernetes.pod.uid", uid).build()).stream()
        .map(c -> cri.containerStatus(c.getId()))
        .sorted(java.util.Comparator.comparingInt(c -> c.getMetadata().getAttempt())).toList();
  }

  static String get(URI uri) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  static final String HTTPD = "mkdir -p /www && echo hello-from-$(hostname) > /www/index.html && exec httpd -f -p 8080 -h /www";

  @Test
  @Order(1)
  void aPodServesHttpOnItsPodIp() throws Exception {
    long t0 = System.nanoTime();
    Pod created = create(busybox("web", "Always", HTTPD));
    Pod p = awaitPhase("web", "Running");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("FIGURE pod create -> Running (1 pod, image present): %d ms%n", ms);
    String ip = p.getStatus().getPodIP();
    assertThat(ip).startsWith(SUBNET + ".");
    assertThat(p.getStatus().getPodIPs()).singleElement().satisfies(x -> assertThat(x.getIp()).isEqualTo(ip));
    assertThat(p.getStatus().getHostIP()).isEqualTo(SUBNET + ".1");
    assertThat(p.getStatus().getQosClass()).isEqualTo("BestEffort");
    assertThat(p.getStatus().getStartTime()).isNotNull();
    ContainerStatus main = status(p, "main");
    assertThat(main.getContainerID()).startsWith("containerd://");
    assertThat(main.getImage()).isEqualTo(LocalImages.BUSYBOX);
    assertThat(main.getImageID()).startsWith("sha256:");
    assertThat(main.getState().getRunning().getStartedAt()).isNotNull();
    assertThat(main.getStarted()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> get("web").getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready")).anyMatch(c -> c.getStatus().equals("True")));
    Map<String, String> conds = get("web").getStatus().getConditions().stream()
        .collect(Collectors.toMap(c -> c.getType(), c -> c.getStatus()));
    assertThat(conds).containsEntry("PodScheduled", "True").containsEntry("PodReadyToStartContainers", "True")
        .containsEntry("Initialized", "True").containsEntry("ContainersReady", "True").containsEntry("Ready", "True");
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .untilAsserted(() -> assertThat(get(URI.create("http://" + ip + ":8080/"))).isEqualTo("hello-from-web\n"));
    // the sandbox's DNS config and hostname, seen from inside
    String id = containerId(p, "main");
    String resolv = cri.execSync(id, List.of("cat", "/etc/resolv.conf"), Duration.ofSeconds(10)).stdout();
    assertThat(resolv).contains("nameserver 10.43.0.10").contains("search pods.svc.cluster.local svc.cluster.local cluster.local")
        .contains("options ndots:5");
    // the pod's log, where the conventions put it
    assertThat(config.podLogDir(NS, "web", created.getMetadata().getUid()).resolve("main/0.log")).exists();
  }

  @Test
  @Order(2)
  void containersOfAPodShareTheNetworkNamespace() {
    Pod p = new PodBuilder().withNewMetadata().withName("pair").withNamespace(NS).endMetadata()
        .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(2L)
        .addNewContainer().withName("server").withImage(LocalImages.BUSYBOX).withCommand("sh", "-c", HTTPD).endContainer()
        .addNewContainer().withName("client").withImage(LocalImages.BUSYBOX).withCommand("sh", "-c",
            "until wget -q -O /tmp/got http://localhost:8080/; do sleep 0.2; done; exec sleep 3600").endContainer()
        .endSpec().build();
    create(p);
    Pod running = awaitPhase("pair", "Running");
    String client = containerId(running, "client");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(cri.execSync(client, List.of("cat", "/tmp/got"), Duration.ofSeconds(5)).stdout()).isEqualTo("hello-from-pair\n"));
  }

  @Test
  @Order(3)
  void initContainersRunFirst() {
    Pod p = new PodBuilder(busybox("init", "Always", "exec sleep 3600")).editSpec()
        .addNewInitContainer().withName("first").withImage(LocalImages.BUSYBOX).withCommand("sh", "-c", "sleep 1").endInitContainer()
        .addNewInitContainer().withName("second").withImage(LocalImages.BUSYBOX).withCommand("sh", "-c", "true").endInitContainer()
        .endSpec().build();
    create(p);
    Pod running = awaitPhase("init", "Running");
    var first = status(running, "first").getState().getTerminated();
    var second = status(running, "second").getState().getTerminated();
    assertThat(first.getReason()).isEqualTo("Completed");
    assertThat(second.getReason()).isEqualTo("Completed");
    Instant mainStart = Instant.parse(status(running, "main").getState().getRunning().getStartedAt());
    assertThat(Instant.parse(first.getFinishedAt())).isBeforeOrEqualTo(Instant.parse(second.getStartedAt()));
    assertThat(Instant.parse(second.getFinishedAt())).isBeforeOrEqualTo(mainStart);
  }

  @Test
  @Order(4)
  void aFailingContainerGoesIntoCrashLoopBackOff() {
    Pod created = create(busybox("crash", "Always", "echo bye; exit 1"));
    String uid = created.getMetadata().getUid();
    // dead instances are garbage-collected as new ones start: note each attempt's times while it is there
    Map<Integer, io.j8s.kubelet.cri.v1.ContainerStatus> seen = new ConcurrentHashMap<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
      for (var c : runtimeContainers(uid)) if (c.getFinishedAt() > 0) seen.put(c.getMetadata().getAttempt(), c);
      return seen.keySet().containsAll(List.of(0, 1, 2));
    });
    Instant finished0 = nanos(seen.get(0).getFinishedAt()), started1 = nanos(seen.get(1).getStartedAt());
    Instant finished1 = nanos(seen.get(1).getFinishedAt()), started2 = nanos(seen.get(2).getStartedAt());
    Duration first = Duration.between(finished0, started1), backoff = Duration.between(finished1, started2);
    System.out.printf("FIGURE crash loop: exit -> restart 1 in %d ms (immediate, as upstream), exit -> restart 2 in %d ms (back-off 10 s)%n",
        first.toMillis(), backoff.toMillis());
    assertThat(first).isLessThan(Duration.ofSeconds(4));
    assertThat(backoff).isBetween(Duration.ofMillis(9_900), Duration.ofSeconds(14));
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      ContainerStatus s = status(get("crash"), "main");
      assertThat(s.getRestartCount()).isGreaterThanOrEqualTo(2);
      assertThat(s.getState().getWaiting()).isNotNull();
      assertThat(s.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
      assertThat(s.getState().getWaiting().getMessage())
          .isEqualTo("back-off 20s restarting failed container=main pod=crash_pods(" + uid + ")");
      assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(1);
      assertThat(s.getLastState().getTerminated().getReason()).isEqualTo("Error");
    });
    assertThat(get("crash").getStatus().getPhase()).isEqualTo("Running");
    // dead containers beyond the newest one are removed
    await().atMost(Duration.ofSeconds(15)).until(() -> runtimeContainers(uid).size() <= 2);
  }

  static Instant nanos(long n) { return Instant.ofEpochSecond(0, n); }

  @Test
  @Order(5)
  void restartPolicyNeverFailsAndOnFailureSucceeds() {
    create(busybox("fails", "Never", "echo 'it went wrong' > /dev/termination-log; exit 3"));
    create(busybox("succeeds", "OnFailure", "exit 0"));
    var failed = status(awaitPhase("fails", "Failed"), "main").getState().getTerminated();
    assertThat(failed.getReason()).isEqualTo("Error");
    assertThat(failed.getExitCode()).isEqualTo(3);
    assertThat(failed.getMessage()).isEqualTo("it went wrong\n"); // the termination message file
    Pod ok = awaitPhase("succeeds", "Succeeded");
    assertThat(status(ok, "main").getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(status(ok, "main").getRestartCount()).isZero();
    // the finished pod keeps its exited container, its sandbox is stopped
    String uid = ok.getMetadata().getUid();
    await().atMost(Duration.ofSeconds(10)).until(() -> cri.listPodSandbox(PodSandboxFilter.newBuilder()
        .putLabelSelector("io.kubernetes.pod.uid", uid).build()).stream().allMatch(s -> s.getState().getNumber() == 1));
    assertThat(runtimeContainers(uid)).hasSize(1);
  }

  @Test
  @Order(6)
  void aMemoryHogIsOomKilled() {
    Pod p = new PodBuilder(busybox("hog", "Never", "x=$(head -c 209715200 /dev/zero | tr '\\0' a); echo ${#x}")).editSpec()
        .editFirstContainer().withNewResources().addToLimits("memory", new Quantity("32Mi")).addToLimits("cpu", new Quantity("500m"))
        .endResources().endContainer().endSpec().build();
    create(p);
    Pod failed = awaitPhase("hog", "Failed");
    var t = status(failed, "main").getState().getTerminated();
    assertThat(t.getReason()).isEqualTo("OOMKilled");
    assertThat(t.getExitCode()).isEqualTo(137);
    assertThat(failed.getStatus().getQosClass()).isEqualTo("Guaranteed");
  }

  @Test
  @Order(7)
  void imagePullFailuresAndTheActiveDeadline() {
    Pod never = new PodBuilder(busybox("never-pull", "Always", "true")).editSpec().editFirstContainer().withImage("j8s.local/absent:1")
        .withImagePullPolicy("Never").endContainer().endSpec().build();
    Pod pull = new PodBuilder(busybox("cannot-pull", "Always", "true")).editSpec().editFirstContainer().withImage("j8s.local/absent:2")
        .endContainer().endSpec().build();
    Pod deadline = new PodBuilder(busybox("deadline", "Always", "exec sleep 3600")).editSpec().withActiveDeadlineSeconds(3L).endSpec().build();
    create(never);
    create(pull);
    create(deadline);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
      var w = status(get("never-pull"), "main").getState().getWaiting();
      assertThat(w.getReason()).isEqualTo("ErrImageNeverPull");
      assertThat(w.getMessage()).isEqualTo("Container image \"j8s.local/absent:1\" is not present with pull policy of Never");
    });
    // a failed pull shows ErrImagePull, and ImagePullBackOff while the back-off (10 s, then 20 s) lasts
    Map<String, String> seen = new ConcurrentHashMap<>();
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
      var w = status(get("cannot-pull"), "main").getState().getWaiting();
      if (w != null && w.getReason() != null) seen.putIfAbsent(w.getReason(), w.getMessage() == null ? "" : w.getMessage());
      return seen.containsKey("ErrImagePull") && seen.containsKey("ImagePullBackOff");
    });
    assertThat(seen.get("ImagePullBackOff")).isEqualTo("Back-off pulling image \"j8s.local/absent:2\"");
    assertThat(get("cannot-pull").getStatus().getPhase()).isEqualTo("Pending");
    Pod failed = awaitPhase("deadline", "Failed");
    assertThat(failed.getStatus().getReason()).isEqualTo("DeadlineExceeded");
    assertThat(status(failed, "main").getState().getTerminated()).isNotNull();
    client.pods().inNamespace(NS).withName("never-pull").delete();
    client.pods().inNamespace(NS).withName("cannot-pull").delete();
  }

  @Test
  @Order(8)
  void aDeletedPodStopsWithinItsGracePeriodAndDisappears() {
    Pod p = new PodBuilder(busybox("stubborn", "Always", "exec sleep 3600")).editSpec().withTerminationGracePeriodSeconds(3L).endSpec().build();
    String uid = create(p).getMetadata().getUid();
    awaitPhase("stubborn", "Running");
    long t0 = System.nanoTime();
    client.pods().inNamespace(NS).withName("stubborn").delete(); // PID 1 ignores SIGTERM: killed when the grace period ends
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> get("stubborn") == null);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("FIGURE delete (grace 3 s, SIGTERM ignored) -> pod object gone: %d ms%n", ms);
    assertThat(ms).isBetween(2_500L, 8_000L);
    assertThat(runtimeContainers(uid)).isEmpty();
    assertThat(cri.listPodSandbox(PodSandboxFilter.newBuilder().putLabelSelector("io.kubernetes.pod.uid", uid).build())).isEmpty();
  }

  @Test
  @Order(9)
  void tenPodsAtOnce() {
    Map<String, Long> running = new ConcurrentHashMap<>();
    Map<String, Long> created = new ConcurrentHashMap<>();
    for (int i = 0; i < 10; i++) {
      String name = "batch-" + i;
      created.put(name, System.nanoTime());
      create(busybox(name, "Always", "exec sleep 3600"));
    }
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
      for (Pod p : client.pods().inNamespace(NS).list().getItems()) {
        String n = p.getMetadata().getName();
        if (created.containsKey(n) && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
          running.putIfAbsent(n, System.nanoTime());
        }
      }
      return running.size() == 10;
    });
    List<Long> ms = created.keySet().stream().map(n -> (running.get(n) - created.get(n)) / 1_000_000).sorted().toList();
    System.out.printf("FIGURE pod create -> Running, 10 pods at once: p50 %d ms, max %d ms%n", ms.get(4), ms.get(9));
  }

  @Test
  @Order(10)
  void anAgentRestartRestartsNothing() {
    Map<String, String> before = runningContainers();
    assertThat(before).hasSizeGreaterThanOrEqualTo(12);
    Pod web = get("web");
    manager.close();
    assertThat(get("web").getMetadata().getResourceVersion()).isEqualTo(web.getMetadata().getResourceVersion());
    // while the agent is down: one pod is force-deleted, one is created
    client.pods().inNamespace(NS).withName("batch-0").withGracePeriod(0).delete();
    create(busybox("late", "Always", "exec sleep 3600"));
    manager = PodManager.start(client, cri, config);
    awaitPhase("late", "Running");
    await().atMost(Duration.ofSeconds(30)).until(() -> !runningContainers().containsKey("batch-0/main"));
    Map<String, String> after = runningContainers();
    after.remove("late/main");
    before.remove("batch-0/main");
    assertThat(after).isEqualTo(before); // same container ids and start times
    Pod webAfter = get("web");
    assertThat(status(webAfter, "main").getRestartCount()).isZero();
    assertThat(status(webAfter, "main").getState().getRunning().getStartedAt())
        .isEqualTo(status(web, "main").getState().getRunning().getStartedAt());
    // the new manager synced it (at start, and again at the 10 s resync) and wrote nothing: the status had not changed
    sleep(Duration.ofSeconds(11));
    assertThat(get("web").getMetadata().getResourceVersion()).isEqualTo(web.getMetadata().getResourceVersion());
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Running containers by pod/container name: "id@startedAt". */
  static Map<String, String> runningContainers() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var c : cri.listContainers()) {
      if (c.getState() != io.j8s.kubelet.cri.v1.ContainerState.CONTAINER_RUNNING) continue;
      if ("crash".equals(c.getLabelsMap().get("io.kubernetes.pod.name"))) continue; // restarts on its own
      var s = cri.containerStatus(c.getId());
      out.put(c.getLabelsMap().get("io.kubernetes.pod.name") + "/" + c.getMetadata().getName(), c.getId() + "@" + s.getStartedAt());
    }
    return out;
  }
}
