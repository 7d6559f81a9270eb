package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the node match a {@link VolumePlan}; idempotent, so the pod worker applies on every sync and a changed
 * ConfigMap, Secret or pod label reaches the files (swapped only when they changed). A volume that became
 * unavailable after it was set up keeps its last content, with a warning. Not for concurrent use on one pod.
 */
public final class VolumeApplier {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeApplier.class);
  private final Mounter mounter;

  public VolumeApplier(Mounter mounter) {
    this.mounter = mounter;
  }

  public VolumeSetup apply(VolumePlan plan) {
    Map<String, VolumeSetup.State> out = new LinkedHashMap<>();
    for (PlannedVolume v : plan.volumes()) {
      out.put(v.name(), apply(v));
    }
    return new VolumeSetup(out);
  }

  private VolumeSetup.State apply(PlannedVolume v) {
    try {
      return switch (v) {
        case PlannedVolume.EmptyDir e -> emptyDir(e);
        case PlannedVolume.HostPath h -> {
          String error = HostPathCheck.check(h.path(), h.type());
          yield error == null ? new VolumeSetup.Ready(h.path(), false, Optional.empty()) : failed(v.name(), error);
        }
        case PlannedVolume.Files f -> files(f);
        case PlannedVolume.Unavailable u -> {
          if (u.dir() != null && Files.isSymbolicLink(u.dir().resolve(AtomicWriter.DATA))) {
            yield new VolumeSetup.Ready(u.dir(), true, Optional.of(message(v.name(), u.message()) + " (keeping the last content)"));
          }
          yield failed(v.name(), u.message());
        }
      };
    } catch (IOException | RuntimeException e) {
      LOG.warn("volume {}: {}", v.name(), e.toString());
      return failed(v.name(), String.valueOf(e.getMessage()));
    }
  }

  private VolumeSetup.State emptyDir(PlannedVolume.EmptyDir e) throws IOException {
    makeDir(e.dir());
    if (e.memory() && !mounter.isMountPoint(e.dir())) {
      mounter.mountTmpfs(e.dir(), e.tmpfsSizeBytes());
      Files.setPosixFilePermissions(e.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    return new VolumeSetup.Ready(e.dir(), false, Optional.empty());
  }

  private VolumeSetup.State files(PlannedVolume.Files f) throws IOException {
    makeDir(f.dir());
    Optional<String> warning = Optional.empty();
    if (f.tmpfs() && !mounter.isMountPoint(f.dir())) {
      if (isEmpty(f.dir())) {
        try {
          mounter.mountTmpfs(f.dir(), f.tmpfsSizeBytes());
        } catch (IOException e) {
          warning = Optional.of("volume \"" + f.name() + "\" is on disk, not tmpfs: " + e.getMessage());
        }
      } else {
        warning = Optional.of("volume \"" + f.name() + "\" is on disk, not tmpfs (written before a tmpfs could be mounted)");
      }
    }
    AtomicWriter.write(f.dir(), f.payload());
    return new VolumeSetup.Ready(f.dir(), true, warning);
  }

  private static void makeDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static VolumeSetup.Failed failed(String name, String error) {
    return new VolumeSetup.Failed(message(name, error));
  }

  /** upstream's FailedMount event text. */
  static String message(String name, String error) {
    return "MountVolume.SetUp failed for volume \"" + name + "\" : " + error;
  }
}
