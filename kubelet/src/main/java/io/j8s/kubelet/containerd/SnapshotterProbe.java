package io.j8s.kubelet.containerd;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Chooses containerd's snapshotter: {@code overlayfs} when an overlay mount works in the
 * directory containerd will keep its snapshots in (the kernel has overlay, the filesystem can be
 * an upper layer, we may mount), else {@code native} (plain copies: slower, always works).
 */
public final class SnapshotterProbe {
  public static final String OVERLAYFS = "overlayfs";
  public static final String NATIVE = "native";

  /** The choice and why, for the start-up log. */
  public record Choice(String snapshotter, String reason) {}

  private final ProcessRunner runner;

  public SnapshotterProbe(ProcessRunner runner) { this.runner = runner.timeout(Duration.ofSeconds(20)); }

  public Choice choose(Path dir) {
    // no look at /proc/filesystems first: the overlay module loads on the first mount attempt
    Path probe = dir.resolve("overlay-probe");
    try {
      deleteTree(probe);
      Path lower = Files.createDirectories(probe.resolve("lower"));
      Files.createDirectories(probe.resolve("upper"));
      Files.createDirectories(probe.resolve("work"));
      Path merged = Files.createDirectories(probe.resolve("merged"));
      Files.writeString(lower.resolve("f"), "x");
      ProcessResult mount = runner.run("mount", "-t", "overlay", "overlay", "-o",
          "lowerdir=" + lower + ",upperdir=" + probe.resolve("upper") + ",workdir=" + probe.resolve("work"), merged.toString());
      if (!mount.ok()) return new Choice(NATIVE, "an overlay mount in " + dir + " failed: " + mount.stderr().strip());
      try {
        Files.writeString(merged.resolve("g"), "y"); // the upper layer must take writes
      } finally {
        runner.run("umount", merged.toString());
      }
      return new Choice(OVERLAYFS, "an overlay mount in " + dir + " works");
    } catch (IOException | RuntimeException e) {
      return new Choice(NATIVE, "overlay probe in " + dir + " failed: " + e.getMessage());
    } finally {
      try {
        deleteTree(probe);
      } catch (IOException ignored) {
        // a leftover probe directory is harmless
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
