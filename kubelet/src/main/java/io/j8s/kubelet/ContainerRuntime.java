package io.j8s.kubelet;

import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.containerd.ContainerdConfig;
import io.j8s.kubelet.containerd.ContainerdPaths;
import io.j8s.kubelet.containerd.ContainerdSupervisor;
import io.j8s.kubelet.containerd.HostBinaries;
import io.j8s.kubelet.containerd.HostCapabilities;
import io.j8s.kubelet.containerd.SnapshotterProbe;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.images.ImageImporter;
import io.j8s.kubelet.images.LocalImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's container runtime, ready for pods: containerd started under the agent directory
 * (snapshotter probed, cgroup driver detected), the local images written and imported where they
 * changed, and a CRI client on its socket. Closing stops containerd; containers keep running.
 */
public final class ContainerRuntime implements AutoCloseable {
  /** Where Debian's containernetworking-plugins puts the CNI plugins. */
  public static final Path DEBIAN_CNI_BIN = Path.of("/usr/lib/cni");

  private final ContainerdSupervisor supervisor;
  private final CriRuntime cri;
  private final List<Path> imported;
  private final Duration importTime;

  private ContainerRuntime(ContainerdSupervisor supervisor, CriRuntime cri, List<Path> imported, Duration importTime) {
    this.supervisor = supervisor;
    this.cri = cri;
    this.imported = imported;
    this.importTime = importTime;
  }

  /** Starts everything under {@code agentDir} ({@code <data-dir>/agent}); {@code progress} gets one line per step. */
  public static ContainerRuntime start(Path agentDir, Duration readyTimeout, Consumer<String> progress) {
    ProcessRunner runner = new ProcessRunner();
    ContainerdPaths paths = new ContainerdPaths(agentDir);
    paths.checkSocketPathLength();
    Path containerd = HostBinaries.find("containerd", "containerd");
    Path ctr = HostBinaries.find("ctr", "containerd");
    Path runc = HostBinaries.find("runc", "runc");
    CgroupDriver.requireCgroupMounts();
    try {
      Files.createDirectories(paths.root());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + paths.root(), e);
    }
    SnapshotterProbe.Choice snap = new SnapshotterProbe(runner).choose(paths.root());
    progress.accept("containerd snapshotter: " + snap.snapshotter() + " (" + snap.reason() + ")");
    ContainerdConfig config = new ContainerdConfig(paths, LocalImages.PAUSE, CgroupDriver.detect(), snap.snapshotter(),
        DEBIAN_CNI_BIN, runc, HostCapabilities.canLowerOomScore());
    ContainerdSupervisor supervisor = ContainerdSupervisor.start(config, containerd, readyTimeout, progress);
    try {
      long t0 = System.nanoTime();
      LocalImages.writeTo(paths.imagesDir(), LocalImages.fromHost(runner));
      List<Path> imported = new ImageImporter(ctr, paths.socket(), paths.importedImages(), snap.snapshotter(), runner)
          .importChanged(paths.imagesDir());
      Duration importTime = Duration.ofNanos(System.nanoTime() - t0);
      if (!imported.isEmpty()) progress.accept("imported " + imported.size() + " image tarball(s) in " + importTime.toMillis() + " ms");
      return new ContainerRuntime(supervisor, new CriRuntime(paths.socket()), imported, importTime);
    } catch (RuntimeException e) {
      supervisor.close();
      throw e;
    }
  }

  public CriRuntime cri() { return cri; }

  public ContainerdSupervisor supervisor() { return supervisor; }

  public ContainerdPaths paths() { return supervisor.config().paths(); }

  /** The tarballs this start imported (empty when none had changed). */
  public List<Path> imported() { return imported; }

  /** How long building, writing and importing the local images took at this start. */
  public Duration importTime() { return importTime; }

  @Override
  public void close() {
    cri.close();
    supervisor.close();
  }
}
