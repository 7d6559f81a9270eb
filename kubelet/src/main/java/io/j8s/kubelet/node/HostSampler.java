package io.j8s.kubelet.node;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Image;
import io.j8s.kubelet.cri.v1.RuntimeStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Samples the node: the CRI runtime's Status and images, memory from /proc/meminfo, nodefs
 * (the data dir's filesystem, inodes through {@code stat -f}), imagefs (containerd's root) and
 * process ids (pid_max less the threads /proc/loadavg counts). A failed image listing keeps the
 * last known images so the status does not flap.
 */
public final class HostSampler implements Supplier<NodeSample> {
  private final CriRuntime cri;
  private final Path nodefs;
  private final Path imagefs;
  private final ProcessRunner runner = new ProcessRunner().timeout(Duration.ofSeconds(5));
  private volatile List<NodeSample.NodeImage> lastImages = List.of();

  public HostSampler(CriRuntime cri, Path nodefs, Path imagefs) {
    this.cri = cri;
    this.nodefs = nodefs;
    this.imagefs = imagefs;
  }

  @Override
  public NodeSample get() {
    return new NodeSample(runtime(), signals(), images());
  }

  private RuntimeReport runtime() {
    try {
      RuntimeStatus s = cri.status();
      return new RuntimeReport.Conditions(s.getConditionsList().stream()
          .map(c -> new RuntimeReport.RuntimeCondition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())).toList());
    } catch (RuntimeException e) {
      return new RuntimeReport.Unreachable(e.getMessage());
    }
  }

  private List<NodeSample.NodeImage> images() {
    try {
      List<NodeSample.NodeImage> out = new ArrayList<>();
      for (Image i : cri.listImages()) {
        List<String> names = new ArrayList<>(i.getRepoDigestsList());
        names.addAll(i.getRepoTagsList());
        out.add(new NodeSample.NodeImage(names, i.getSize()));
      }
      lastImages = List.copyOf(out);
    } catch (RuntimeException e) {
      // keep the last known list
    }
    return lastImages;
  }

  private EvictionSignals signals() {
    long mem = HostFacts.memInfo(HostFacts.readOr("/proc/meminfo", ""), "MemAvailable").orElse(-1);
    long[] node = space(nodefs);
    long[] image = space(imagefs);
    long[] inodes = inodes(nodefs);
    long pidMax = parseLong(HostFacts.readOr("/proc/sys/kernel/pid_max", ""));
    long threads = threadsFromLoadavg(HostFacts.readOr("/proc/loadavg", ""));
    long pidAvailable = pidMax > 0 && threads >= 0 ? pidMax - threads : -1;
    return new EvictionSignals(mem, node[0], node[1], inodes[0], inodes[1], image[0], image[1], pidAvailable, pidMax);
  }

  private static long[] space(Path p) {
    try {
      FileStore fs = Files.getFileStore(HostFacts.existing(p));
      return new long[] {fs.getUsableSpace(), fs.getTotalSpace()};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }

  private long[] inodes(Path p) {
    try {
      ProcessResult r = runner.run("stat", "-f", "-c", "%d %c", HostFacts.existing(p).toString());
      return r.ok() ? statInodes(r.stdout()) : new long[] {-1, -1};
    } catch (RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** {@code stat -f -c "%d %c"}: free and total inodes; a filesystem without inodes (0 total) is unknown. */
  static long[] statInodes(String out) {
    String[] f = out.trim().split("\\s+");
    if (f.length != 2) return new long[] {-1, -1};
    long free = parseLong(f[0]);
    long total = parseLong(f[1]);
    return total > 0 ? new long[] {free, total} : new long[] {-1, -1};
  }

  /** The thread count in /proc/loadavg ({@code 0.00 0.01 0.05 1/123 4567}). */
  static long threadsFromLoadavg(String loadavg) {
    String[] f = loadavg.trim().split("\\s+");
    if (f.length < 4 || f[3].indexOf('/') < 0) return -1;
    return parseLong(f[3].substring(f[3].indexOf('/') + 1));
  }

  static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
