package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Disk usage of a pod's disk-backed emptyDirs against their {@code sizeLimit}. Upstream's eviction manager evicts
 * a pod whose emptyDir exceeds its limit with this message; here the pod worker gets the report and decides
 * (a memory-backed emptyDir needs no check: its tmpfs refuses writes past the size).
 */
public final class VolumeUsage {
  private VolumeUsage() {}

  /** One emptyDir over its limit. */
  public record OverLimit(String volume, long usedBytes, long limitBytes, String message) {}

  /** Bytes of the regular files under {@code dir} (symlinks not followed, other mounts not entered). */
  public static long usedBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    Object device = Files.getAttribute(dir, "unix:dev");
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        return device.equals(Files.getAttribute(d, "unix:dev")) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) total[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // removed while walking
      }
    });
    return total[0];
  }

  public static List<OverLimit> check(VolumePlan plan) throws IOException {
    List<OverLimit> out = new ArrayList<>();
    for (PlannedVolume v : plan.volumes()) {
      if (v instanceof PlannedVolume.EmptyDir e && !e.memory() && e.sizeLimitBytes() > 0) {
        long used = usedBytes(e.dir());
        if (used > e.sizeLimitBytes()) {
          out.add(new OverLimit(e.name(), used, e.sizeLimitBytes(),
              "Usage of EmptyDir volume \"" + e.name() + "\" exceeds the limit \"" + e.sizeLimit() + "\"."));
        }
      }
    }
    return out;
  }
}
