package io.j8s.bench;

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
import io.j8s.network.cni.CniConflist;
import io.j8s.network.cni.ConflistWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor under pod startup on this machine: the same pods (a sandbox plus one pause container,
 * the same CNI chain) started straight through CRI on a containerd of its own, all at once, with no
 * API server, no watch and no kubelet logic. What j8s adds on top is the difference.
 */
final class CriBaseline implements AutoCloseable {
  private static final String BRIDGE = "j8sfloor0";
  private final Path dir;
  private final ContainerRuntime runtime;
  private final CriRuntime cri;

  private CriBaseline(Path dir, ContainerRuntime runtime) {
    this.dir = dir;
    this.runtime = runtime;
    this.cri = runtime.cri();
  }

  static CriBaseline start() throws Exception {
    Path dir = Files.createTempDirectory("j8s-bench-cri");
    Path agent = dir.resolve("agent");
    // its own bridge: the agent's cni0 will carry another subnet in the same namespace
    CniConflist list = new CniConflist(CniConflist.DEFAULT_NAME, "10.88.250.0/24", BRIDGE, agent.resolve("cni/ipam"), 0);
    ConflistWriter.write(new ContainerdPaths(agent).cniConfDir(), CniConflist.FILE_NAME, list.render());
    ContainerRuntime runtime = ContainerRuntime.start(agent, Duration.ofSeconds(120), PodStartupBench::progress);
    return new CriBaseline(dir, runtime);
  }

  /** Starts {@code n} pods concurrently; per pod, the time from the start of the batch to its container running. */
  Stats batch(int n) throws Exception {
    List<Future<Long>> fs = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        String name = "cri-" + n + "-" + i;
        fs.add(pool.submit(() -> {
          PodSandboxConfig pod = sandbox(name);
          String id = cri.runPodSandbox(pod);
          String c = cri.createContainer(id, ContainerConfig.newBuilder()
              .setMetadata(ContainerMetadata.newBuilder().setName("pause"))
              .setImage(ImageSpec.newBuilder().setImage(LocalImages.PAUSE))
              .setLogPath("pause/0.log").build(), pod);
          cri.startContainer(c);
          return System.nanoTime() - t0;
        }));
      }
    }
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) samples[i] = fs.get(i).get();
    cri.removeAllPodSandboxes();
    return new Stats(samples);
  }

  private PodSandboxConfig sandbox(String name) throws Exception {
    String uid = UUID.randomUUID().toString();
    Path logDir = dir.resolve("agent/logs/pods/default_" + name + "_" + uid);
    Files.createDirectories(logDir);
    return PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid(uid))
        .setHostname(name).setLogDirectory(logDir.toString())
        .setLinux(LinuxPodSandboxConfig.newBuilder()
            .setCgroupParent(runtime.supervisor().config().cgroupDriver().cgroupParent("j8s_bench")))
        .build();
  }

  /** CPU seconds of this bench's own containerd so far. */
  double containerdCpu() {
    return ProcessHandle.current().descendants().filter(d -> d.info().command().map(cmd -> cmd.endsWith("/containerd")).orElse(false))
        .mapToDouble(d -> NodeCost.cpuSeconds(d.pid())).sum();
  }

  @Override public void close() throws Exception {
    try {
      cri.removeAllPodSandboxes();
    } finally {
      runtime.close();
      new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).inheritIO().start().waitFor();
      new ProcessBuilder("ip", "link", "del", BRIDGE).start().waitFor();
      // the pods' parent cgroups, empty now (rmdir only removes empty ones)
      new ProcessBuilder("sh", "-c", "rmdir /sys/fs/cgroup/j8s_bench /sys/fs/cgroup/*/j8s_bench 2>/dev/null; true").start().waitFor();
    }
  }
}
