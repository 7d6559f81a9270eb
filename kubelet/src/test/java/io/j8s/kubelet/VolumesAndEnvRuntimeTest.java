package io.j8s.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.ExecResult;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.env.EnvContext;
import io.j8s.kubelet.env.EnvResolver;
import io.j8s.kubelet.env.MapLookup;
import io.j8s.kubelet.env.Pods;
import io.j8s.kubelet.env.ResolvedEnv;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.volume.CommandMounter;
import io.j8s.kubelet.volume.ContainerMounts;
import io.j8s.kubelet.volume.PodVolumes;
import io.j8s.kubelet.volume.TokenSource;
import io.j8s.kubelet.volume.VolumeSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Volumes and environment end to end with real containerd: a busybox container started through CRI with the
 * mounts of {@link PodVolumes} and the environment of {@link EnvResolver} sees the files and variables, and a
 * configMap change reaches the mounted file in place. CNI subnet 10.88.41 on bridge j8stest41 (used by no other test).
 */
@Tag("integration")
class VolumesAndEnvRuntimeTest {
  static final String SUBNET = "10.88.41";
  static Path dataDir;
  static Path agent;
  static ContainerRuntime runtime;
  static CriRuntime cri;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("j8s-kubelet-vol");
    agent = dataDir.resolve("agent");
    TestCni.writeBridgeConflist(agent, SUBNET, "j8stest41");
    runtime = ContainerRuntime.start(agent, Duration.ofSeconds(90), line -> System.out.println("j8s: " + line));
    cri = runtime.cri();
  }

  @AfterAll
  static void stop() throws IOException {
    if (runtime != null) {
      try {
        cri.removeAllPodSandboxes();
      } finally {
        runtime.close();
      }
    }
    new ProcessRunner().run("rm", "-rf", "--one-file-system", dataDir.toString());
    ContainerRuntimeTest.removeTestCgroups();
  }

  @Test
  void containerSeesMountedFilesAndEnvironmentAndConfigMapUpdatesInPlace() throws Exception {
    MapLookup lookup = new MapLookup()
        .configMap("ns1", "cfg", Map.of("greeting", "hello", "app.conf", "level=info"))
        .secret("ns1", "sec", Map.of("password", "s3cr3t", "user", "admin"))
        .service(Pods.service("default", "kubernetes", "10.43.0.1", Pods.port("https", 443, "TCP")));
    String uid = UUID.randomUUID().toString();
    Container c = new ContainerBuilder().withName("main").withImage(LocalImages.BUSYBOX)
        .withEnvFrom(new EnvFromSourceBuilder().withPrefix("S_").withNewSecretRef("sec", null).build())
        .withEnv(new EnvVarBuilder().withName("GREETING").withNewValueFrom().withNewConfigMapKeyRef("greeting", "cfg", null).endValueFrom().build(),
            new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef(null, "metadata.name").endValueFrom().build(),
            new EnvVarBuilder().withName("MSG").withValue("$(GREETING) from $(POD_NAME)").build())
        .withVolumeMounts(new VolumeMountBuilder().withName("cfg").withMountPath("/etc/cfg").build(),
            new VolumeMountBuilder().withName("cfg").withMountPath("/etc/app.conf").withSubPath("app.conf").build(),
            new VolumeMountBuilder().withName("sec").withMountPath("/etc/sec").build(),
            new VolumeMountBuilder().withName("info").withMountPath("/etc/info").build(),
            new VolumeMountBuilder().withName("scratch").withMountPath("/scratch").build(),
            new VolumeMountBuilder().withName("disk").withMountPath("/work").withSubPathExpr("$(POD_NAME)").build())
        .build();
    Pod pod = new PodBuilder().withNewMetadata().withName("vol").withNamespace("ns1").withUid(uid).withLabels(Map.of("app", "vol")).endMetadata()
        .withNewSpec().withNodeName("node-a").withContainers(c).withVolumes(
            new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build(),
            new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").withDefaultMode(0400).endSecret().build(),
            new VolumeBuilder().withName("info").withNewDownwardAPI().addNewItem().withPath("labels").withNewFieldRef(null, "metadata.labels").endItem().endDownwardAPI().build(),
            new VolumeBuilder().withName("scratch").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("16Mi")).endEmptyDir().build(),
            new VolumeBuilder().withName("disk").withNewEmptyDir().endEmptyDir().build())
        .endSpec().build();

    PodVolumes volumes = new PodVolumes(agent, lookup, new CommandMounter(new ProcessRunner()), TokenSource.UNAVAILABLE,
        Map.of("memory", new Quantity("1Gi"), "cpu", new Quantity("2")));
    String sandbox = null;
    try {
      VolumeSetup setup = volumes.sync(pod);
      assertThat(setup.allReady()).isTrue();
      assertThat(setup.warnings()).isEmpty();

      PodSandboxConfig sandboxConfig = sandbox(pod);
      sandbox = cri.runPodSandbox(sandboxConfig);
      String podIp = cri.podSandboxStatus(sandbox).getNetwork().getIp();
      ResolvedEnv env = new EnvResolver(lookup).resolve(pod, c, new EnvContext(List.of(podIp), List.of("192.168.9.9"), Map.of()));
      ContainerMounts mounts = volumes.mounts(pod, c, setup, env.vars());
      assertThat(mounts).isInstanceOf(ContainerMounts.Ready.class);

      String container = cri.createContainer(sandbox, ContainerConfig.newBuilder()
          .setMetadata(ContainerMetadata.newBuilder().setName("main").setAttempt(0))
          .setImage(ImageSpec.newBuilder().setImage(LocalImages.BUSYBOX))
          .addAllCommand(List.of("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"))
          .addAllEnvs(env.toCri())
          .addAllMounts(((ContainerMounts.Ready) mounts).mounts())
          .setLogPath("main/0.log")
          .build(), sandboxConfig);
      cri.startContainer(container);

      assertThat(exec(container, "cat /etc/cfg/greeting")).isEqualTo("hello");
      assertThat(exec(container, "cat /etc/app.conf")).isEqualTo("level=info");
      assertThat(exec(container, "cat /etc/sec/password; echo; cat /etc/sec/user")).isEqualTo("s3cr3t\nadmin");
      assertThat(exec(container, "stat -L -c %a /etc/sec/password")).isEqualTo("400");
      assertThat(exec(container, "ls /etc/cfg | sort | tr '\\n' ' '")).isEqualTo("app.conf greeting ");
      assertThat(exec(container, "cat /etc/info/labels")).isEqualTo("app=\"vol\"");
      assertThat(exec(container, "stat -f -c %T /scratch /etc/sec | tr '\\n' ' '")).isEqualTo("tmpfs tmpfs ");
      assertThat(exec(container, "echo hi > /work/x && cat /work/x")).isEqualTo("hi");
      assertThat(volumes.podDir(uid).resolve("volumes/kubernetes.io~empty-dir/disk/vol/x")).hasContent("hi\n");
      assertThat(exec(container, "echo \"$GREETING|$MSG|$POD_NAME|$S_password|$S_user|$KUBERNETES_SERVICE_HOST|$KUBERNETES_PORT\""))
          .isEqualTo("hello|hello from vol|vol|s3cr3t|admin|10.43.0.1|tcp://10.43.0.1:443");
      // configMap, secret and downwardAPI mounts are read-only whatever the volumeMount says
      assertThat(cri.execSync(container, List.of("sh", "-c", "echo x > /etc/cfg/new"), Duration.ofSeconds(10)).exitCode()).isNotZero();

      // the object changes; the pod worker's next sync rewrites the files and the container sees it in place
      lookup.configMap("ns1", "cfg", Map.of("greeting", "bonjour", "app.conf", "level=debug", "added", "new key"));
      long t0 = System.nanoTime();
      volumes.sync(pod);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exec(container, "cat /etc/cfg/greeting")).isEqualTo("bonjour"));
      System.out.printf("FIGURE configMap update to visible in the container (sync + ExecSync): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertThat(exec(container, "cat /etc/cfg/added")).isEqualTo("new key");
      // as upstream, a subPath mount of a configMap key keeps the content it had at start
      assertThat(exec(container, "cat /etc/app.conf")).isEqualTo("level=info");

      cri.stopPodSandbox(sandbox);
      cri.removePodSandbox(sandbox);
      sandbox = null;
      volumes.tearDown(uid);
      assertThat(volumes.podDir(uid)).doesNotExist();
      assertThat(new CommandMounter(new ProcessRunner()).mountsUnder(agent.resolve("pods"))).isEmpty();
    } finally {
      if (sandbox != null) {
        cri.stopPodSandbox(sandbox);
        cri.removePodSandbox(sandbox);
      }
      volumes.tearDown(uid);
    }
  }

  static String exec(String container, String script) {
    ExecResult r = cri.execSync(container, List.of("sh", "-c", script), Duration.ofSeconds(10));
    assertThat(r.exitCode()).as("exit code of `%s` (stderr %s)", script, r.stderr()).isZero();
    return r.stdout().endsWith("\n") ? r.stdout().substring(0, r.stdout().length() - 1) : r.stdout();
  }

  static PodSandboxConfig sandbox(Pod pod) throws IOException {
    var m = pod.getMetadata();
    Path logDir = agent.resolve("logs/pods").resolve(m.getNamespace() + "_" + m.getName() + "_" + m.getUid());
    Files.createDirectories(logDir);
    return PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()).setUid(m.getUid()).setAttempt(0))
        .setHostname(m.getName())
        .setLogDirectory(logDir.toString())
        .putLabels("io.kubernetes.pod.name", m.getName())
        .putLabels("io.kubernetes.pod.namespace", m.getNamespace())
        .putLabels("io.kubernetes.pod.uid", m.getUid())
        .setLinux(LinuxPodSandboxConfig.newBuilder()
            .setCgroupParent(runtime.supervisor().config().cgroupDriver().cgroupParent("j8s_test")))
        .build();
  }
}
