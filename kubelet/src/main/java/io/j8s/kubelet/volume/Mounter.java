package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The host mounts volumes need: tmpfs for memory-backed volumes, and unmounting them at teardown. */
public interface Mounter {
  /** Mounts a tmpfs on the existing directory {@code dir}; {@code sizeBytes} 0 = the kernel's default size. */
  void mountTmpfs(Path dir, long sizeBytes) throws IOException;

  void unmount(Path dir) throws IOException;

  /** The mount points at or below {@code dir}, deepest first. */
  List<Path> mountsUnder(Path dir) throws IOException;

  default boolean isMountPoint(Path dir) throws IOException {
    return mountsUnder(dir).contains(dir);
  }
}
