package io.j8s.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.j8s.base.process.ProcessRunner;
import io.j8s.base.time.Clock;
import io.j8s.kubelet.containerd.HostBinaries;
import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.ExecResult;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.Image;
import io.j8s.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import io.j8s.kubelet.cri.v1.RuntimeCondition;
import io.j8s.kubelet.imagegc.ImageGarbageCollector;
import io.j8s.kubelet.imagegc.ImageGcPlan;
import io.j8s.kubelet.imagegc.ImageGcPolicy;
import io.j8s.kubelet.images.ImageImporter;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.images.OciImage;
import io.j8s.kubelet.prober.ProbeKind;
import io.j8s.kubelet.prober.ProbeOutcome;
import io.j8s.kubelet.prober.ProbeResult;
import io.j8s.kubelet.prober.ProbeSpec;
import io.j8s.kubelet.prober.ProbeTarget;
import io.j8s.kubelet.prober.Prober;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The runtime for real: containerd started under a temporary data dir (inside the test's network
 * namespace), pods networked by the bridge + host-local CNI plugins, local busybox images.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ContainerRuntimeTest {
  static final String SUBNET = "10.88.7";
  static Path dataDir;
  static ContainerRuntime runtime;
  static CriRuntime cri;
  static Duration startTime;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("j8s-kubelet");
    Path agent = dataDir.resolve("agent");
    TestCni.writeBridgeConflist(agent, SUBNET);
    long t0 = System.nanoTime();
    runtime = ContainerRuntime.start(agent, Duration.ofSeconds(90), line -> System.out.println("j8s: " + line));
    startTime = Duration.ofNanos(System.nanoTime() - t0);
    cri = runtime.cri();
    System.out.printf("FIGURE start (probe, containerd to CRI ready, images built+imported): %d ms; import alone %d ms%n",
        startTime.toMillis(), runtime.importTime().toMillis());
  }

  @AfterAll
  static void stop() throws IOException {
    Path log = dataDir.resolve("agent/containerd/containerd.log");
    if (Files.exists(log)) { // for diagnosis: the surefire output file keeps what containerd said
      List<String> lines = Files.readAllLines(log);
      System.out.println("---- containerd.log (last 40 lines) ----");
      lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
    }
    if (runtime != null) {
      try {
        cri.removeAllPodSandboxes();
      } finally {
        runtime.close();
      }
    }
    new ProcessRunner().run("rm", "-rf", "--one-file-system", dataDir.toString());
    removeTestCgroups();
  }

  /** The empty parent cgroups the test pods used (cgroupfs driver; containerd removes the containers' own). */
  public static void removeTestCgroups() throws IOException {
    Path root = Path.of("/sys/fs/cgroup");
    if (!Files.isDirectory(root)) return;
    List<Path> candidates = new java.util.ArrayList<>(List.of(root.resolve("j8s_test")));
    try (var s = Files.list(root)) {
      s.forEach(d -> candidates.add(d.resolve("j8s_test")));
    }
    for (Path p : candidates) {
      try {
        Files.deleteIfExists(p); // rmdir: only succeeds on an empty cgroup
      } catch (IOException e) {
        System.out.println("could not remove cgroup " + p + ": " + e);
      }
    }
  }

  @Test
  @Order(1)
  void answersVersionAndStatus() {
    var v = cri.version();
    assertThat(v.getRuntimeName()).isEqualTo("containerd");
    assertThat(v.getRuntimeApiVersion()).isEqualTo("v1");
    Map<String, RuntimeCondition> conditions = cri.status().getConditionsList().stream()
        .collect(Collectors.toMap(RuntimeCondition::getType, c -> c));
    assertThat(conditions.get("RuntimeReady").getStatus()).isTrue();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cri.status().getConditionsList())
        .filteredOn(c -> c.getType().equals("NetworkReady")).singleElement().satisfies(c -> assertThat(c.getStatus()).isTrue()));
    assertThat(runtime.paths().config()).content().contains("root = \"" + runtime.paths().root() + "\"");
  }

  @Test
  @Order(2)
  void localImagesAreImportedOnceAndListed() {
    assertThat(runtime.imported()).hasSize(2);
    List<String> tags = cri.listImages().stream().flatMap(i -> i.getRepoTagsList().stream()).toList();
    assertThat(tags).contains(LocalImages.BUSYBOX, LocalImages.PAUSE);
    Image busybox = cri.imageStatus(LocalImages.BUSYBOX).orElseThrow();
    assertThat(busybox.getId()).startsWith("sha256:");
    assertThat(busybox.getSize()).isGreaterThan(1_000_000);
    assertThat(cri.imageStatus("j8s.local/absent:1")).isEmpty();
    // unchanged tarballs: nothing is written or imported again
    assertThat(LocalImages.writeTo(runtime.paths().imagesDir(), LocalImages.fromHost(new ProcessRunner()))).isEmpty();
    ImageImporter importer = new ImageImporter(HostBinaries.find("ctr", "containerd"), runtime.paths().socket(),
        runtime.paths().importedImages(), runtime.supervisor().config().snapshotter(), new ProcessRunner());
    assertThat(importer.importChanged(runtime.paths().imagesDir())).isEmpty();
  }

  @Test
  @Order(3)
  void runsAPodWithABusyboxContainer() throws IOException {
    PodSandboxConfig pod = pod("web");
    long t0 = System.nanoTime();
    String sandbox = cri.runPodSandbox(pod);
    long t1 = System.nanoTime();
    PodSandboxStatus ss = cri.podSandboxStatus(sandbox);
    assertThat(ss.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
    assertThat(ss.getNetwork().getIp()).startsWith(SUBNET + ".");

    String container = cri.createContainer(sandbox, busybox("main",
        "trap 'exit 0' TERM; echo hello-from-busybox; echo oops >&2; while :; do sleep 1 & wait $!; done"), pod);
    cri.startContainer(container);
    long t2 = System.nanoTime();
    System.out.printf("FIGURE RunPodSandbox (netns, CNI bridge, pause): %d ms; CreateContainer+StartContainer: %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    assertThat(cri.containerStatus(container).getState()).isEqualTo(ContainerState.CONTAINER_RUNNING);
    // runc keeps its state under the node's data dir, not in the shared /run/containerd/runc
    assertThat(runtime.paths().runcRoot().resolve("k8s.io").resolve(container).resolve("state.json")).isRegularFile();

    long t3 = System.nanoTime();
    ExecResult hi = cri.execSync(container, List.of("echo", "hi"), Duration.ofSeconds(10));
    System.out.printf("FIGURE ExecSync echo: %d ms%n", (System.nanoTime() - t3) / 1_000_000);
    assertThat(hi.exitCode()).isZero();
    assertThat(hi.stdout()).isEqualTo("hi\n");
    assertThat(cri.execSync(container, List.of("sh", "-c", "echo err >&2; exit 3"), Duration.ofSeconds(10)))
        .isEqualTo(new ExecResult(3, "", "err\n"));

    // the container's log: CRI format "<RFC3339Nano> <stream> <F|P> <text>"
    Path log = Path.of(pod.getLogDirectory(), "main/0.log");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log).content().contains("hello-from-busybox"));
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(" stdout F hello-from-busybox"));
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith(" stderr F oops"));
    for (String l : lines) OffsetDateTime.parse(l.substring(0, l.indexOf(' ')));

    cri.stopContainer(container, Duration.ofSeconds(10));
    var stopped = cri.containerStatus(container);
    assertThat(stopped.getState()).isEqualTo(ContainerState.CONTAINER_EXITED);
    assertThat(stopped.getExitCode()).isZero(); // the trap ran: SIGTERM, not the SIGKILL after the grace period
    cri.removeContainer(container);
    cri.removeContainer(container); // idempotent
    assertThat(cri.listContainers()).isEmpty();
    assertThatThrownBy(() -> cri.containerStatus(container)).isInstanceOfSatisfying(CriException.class, e -> {
      assertThat(e.notFound()).isTrue();
      assertThat(e).hasMessageContaining("ContainerStatus container " + container);
    });

    cri.stopPodSandbox(sandbox);
    cri.removePodSandbox(sandbox);
    cri.removePodSandbox(sandbox); // idempotent
    assertThat(cri.listPodSandbox()).isEmpty();
  }

  @Test
  @Order(4)
  void restartsContainerdWhenItDiesAndContainersSurvive() {
    PodSandboxConfig pod = pod("survivor");
    String sandbox = cri.runPodSandbox(pod);
    String container = cri.createContainer(sandbox, busybox("main", "while :; do sleep 1; done"), pod);
    cri.startContainer(container);

    long pid = runtime.supervisor().pid();
    long t0 = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> runtime.supervisor().restarts() == 1 && cri.version() != null);
    System.out.printf("FIGURE containerd SIGKILLed to CRI answering again: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(runtime.supervisor().pid()).isNotEqualTo(pid);
    assertThat(cri.containerStatus(container).getState()).isEqualTo(ContainerState.CONTAINER_RUNNING);
    assertThat(cri.execSync(container, List.of("echo", "still here"), Duration.ofSeconds(10)).stdout()).isEqualTo("still here\n");

    cri.stopPodSandbox(sandbox);
    cri.removePodSandbox(sandbox);
    assertThat(cri.listContainers()).isEmpty();
    assertThat(cri.listPodSandbox()).isEmpty();
  }

  @Test
  @Order(5)
  void probesRunAgainstARealContainer() {
    PodSandboxConfig pod = pod("probed");
    String sandbox = cri.runPodSandbox(pod);
    String container = cri.createContainer(sandbox, busybox("web",
        "mkdir -p /www && echo ok > /www/healthz && httpd -f -p 8080 -h /www"), pod);
    cri.startContainer(container);
    String ip = cri.podSandboxStatus(sandbox).getNetwork().getIp();
    Prober prober = new Prober(cri);
    ProbeTarget target = new ProbeTarget(container, ip);

    assertThat(prober.run(probe(new ProbeSpec.Exec(List.of("true"))), target)).isEqualTo(ProbeOutcome.success());
    assertThat(prober.run(probe(new ProbeSpec.Exec(List.of("sh", "-c", "echo not yet; exit 1"))), target))
        .isEqualTo(ProbeOutcome.failure("not yet"));
    long t0 = System.nanoTime();
    ProbeOutcome slow = prober.run(probe(new ProbeSpec.Exec(List.of("sleep", "5"))), target);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(slow.result()).isEqualTo(ProbeResult.FAILURE);
    assertThat(slow.message()).contains("timed out");

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        prober.run(probe(new ProbeSpec.HttpGet("HTTP", "", 8080, "/healthz", List.of())), target)).isEqualTo(ProbeOutcome.success()));
    assertThat(prober.run(probe(new ProbeSpec.HttpGet("HTTP", "", 8080, "/absent", List.of())), target))
        .isEqualTo(ProbeOutcome.failure("HTTP probe failed with statuscode: 404"));
    assertThat(prober.run(probe(new ProbeSpec.TcpSocket("", 8080)), target)).isEqualTo(ProbeOutcome.success());
    assertThat(prober.run(probe(new ProbeSpec.TcpSocket("", 8081)), target))
        .isEqualTo(ProbeOutcome.failure("dial tcp " + ip + ":8081: connect: connection refused"));

    cri.stopPodSandbox(sandbox);
    cri.removePodSandbox(sandbox);
  }

  /**
   * Image GC against the real runtime: with thresholds at 0% every unused image goes, but not one a
   * container uses nor one imported from the agent's tarballs (ctr's import output names them).
   */
  @Test
  @Order(6)
  void imageGarbageCollectionRemovesOnlyUnusedUnpinnedImages() throws IOException {
    Path record = runtime.paths().importedImages();
    assertThat(ImageImporter.importedRefs(record)).contains(LocalImages.BUSYBOX, LocalImages.PAUSE);
    byte[] layer = LocalImages.rootfs(Files.readAllBytes(LocalImages.HOST_BUSYBOX), List.of("sh", "sleep", "true"));
    String arch = OciImage.hostArchitecture();
    var unused = new OciImage("example.test/unused:1", arch, List.of(), List.of("true"), List.of("PATH=/bin"), layer);
    var used = new OciImage("example.test/used:1", arch, List.of(), List.of("sleep", "600"), List.of("PATH=/bin"), layer);
    Path side = Files.createDirectories(dataDir.resolve("side-images"));
    LocalImages.writeTo(side, List.of(unused, used));
    new ImageImporter(HostBinaries.find("ctr", "containerd"), runtime.paths().socket(), dataDir.resolve("side-record.properties"),
        runtime.supervisor().config().snapshotter(), new ProcessRunner()).importChanged(side);
    assertThat(cri.imageStatus("example.test/unused:1")).isPresent();

    PodSandboxConfig pod = pod("gc");
    String sandbox = cri.runPodSandbox(pod);
    String container = cri.createContainer(sandbox, ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName("app")).setImage(ImageSpec.newBuilder().setImage("example.test/used:1"))
        .setLogPath("app/0.log").build(), pod);
    try {
      var gc = new ImageGarbageCollector(cri, runtime.paths().root(),
          () -> ImageImporter.importedRefs(record), Clock.system(),
          new ImageGcPolicy(0, 0, Duration.ZERO));
      var plan = gc.collect();
      assertThat(plan).isInstanceOf(ImageGcPlan.Remove.class);
      assertThat(cri.imageStatus("example.test/unused:1")).as("unused, unpinned").isEmpty();
      assertThat(cri.imageStatus("example.test/used:1")).as("a container uses it").isPresent();
      assertThat(cri.imageStatus(LocalImages.BUSYBOX)).as("imported from the agent's tarballs").isPresent();
      assertThat(cri.imageStatus(LocalImages.PAUSE)).isPresent();
    } finally {
      cri.removeContainer(container);
      cri.stopPodSandbox(sandbox);
      cri.removePodSandbox(sandbox);
    }
  }

  static ProbeSpec probe(ProbeSpec.Action action) {
    return new ProbeSpec(ProbeKind.LIVENESS, action, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(2), 1, 3);
  }

  static PodSandboxConfig pod(String name) {
    String uid = UUID.randomUUID().toString();
    Path logDir = dataDir.resolve("agent/pods").resolve("default_" + name + "_" + uid);
    try {
      Files.createDirectories(logDir); // the kubelet makes the pod's log directory, as upstream's does
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid(uid).setAttempt(0))
        .setHostname(name)
        .setLogDirectory(logDir.toString())
        .putLabels("io.kubernetes.pod.name", name)
        // a parent in the driver's syntax: on systemd hosts runc rejects containerd's default /k8s.io/<id>
        .setLinux(LinuxPodSandboxConfig.newBuilder()
            .setCgroupParent(runtime.supervisor().config().cgroupDriver().cgroupParent("j8s_test")))
        .build();
  }

  static ContainerConfig busybox(String name, String script) {
    return ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name).setAttempt(0))
        .setImage(ImageSpec.newBuilder().setImage(LocalImages.BUSYBOX))
        .addAllCommand(List.of("sh", "-c", script))
        .setLogPath(name + "/0.log")
        .build();
  }
}
