package io.j8s.kubelet.pod;

import io.j8s.kubelet.containerd.CgroupDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod's files on the node: its log directory, per-pod state under {@code <agentDir>/pods/<uid>}
 * (the termination-message files mounted into containers), and, once the pod is gone, those
 * directories and its cgroup (cgroupfs: containerd removes the containers' cgroups, not the pod's).
 */
final class PodFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PodFiles.class);
  private final PodManagerConfig cfg;
  private final Path cgroupRoot;

  /** {@code cgroupRoot} null: leave cgroups alone (simulations). */
  PodFiles(PodManagerConfig cfg, Path cgroupRoot) {
    this.cfg = cfg;
    this.cgroupRoot = cgroupRoot;
  }

  void createLogDir(String dir) {
    try {
      Files.createDirectories(Path.of(dir));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create pod log directory " + dir, e);
    }
  }

  /** A fresh empty file for the container's termination message (world-writable, as upstream's); null when it cannot be made. */
  String terminationLog(String uid, String container, int restartCount) {
    Path dir = cfg.podDir(uid).resolve("containers").resolve(container);
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(Integer.toString(restartCount));
      Files.deleteIfExists(f);
      Files.createFile(f);
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
      return f.toString();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot create the termination message file for container {} of pod {}: {}", container, uid, e.toString());
      return null;
    }
  }

  /** Removes the pod's state directory, its log directories and (cgroupfs) its cgroups. */
  void removePod(String uid) {
    deleteTree(cfg.podDir(uid));
    Path logs = cfg.agentDir().resolve("logs/pods");
    if (Files.isDirectory(logs)) {
      try (Stream<Path> s = Files.list(logs)) {
        s.filter(p -> p.getFileName().toString().endsWith("_" + uid)).forEach(PodFiles::deleteTree);
      } catch (IOException e) {
        LOG.warn("cannot list {}: {}", logs, e.toString());
      }
    }
    if (cgroupRoot == null || cfg.cgroupDriver() != CgroupDriver.CGROUPFS) return;
    for (String qos : new String[] {Qos.GUARANTEED, Qos.BURSTABLE, Qos.BEST_EFFORT}) {
      String rel = Qos.cgroupParent(cfg.cgroupDriver(), qos, uid).substring(1);
      removeCgroup(cgroupRoot.resolve(rel));
      try (Stream<Path> hierarchies = Files.list(cgroupRoot)) {
        hierarchies.forEach(h -> removeCgroup(h.resolve(rel)));
      } catch (IOException e) {
        // no cgroup root here
      }
    }
  }

  /** rmdir: succeeds only for an empty cgroup, which is all we want. */
  private static void removeCgroup(Path p) {
    try {
      if (Files.isDirectory(p)) Files.delete(p);
    } catch (IOException e) {
      LOG.debug("cgroup {} not removed: {}", p, e.toString());
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          LOG.warn("cannot delete {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", root, e.toString());
    }
  }
}
