package io.j8s.kubelet.volume;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/** One volume of a pod as it should be on the node. */
public sealed interface PlannedVolume {
  String name();

  /** An emptyDir: a directory (mode 0777) on the node's disk, or a tmpfs of {@code tmpfsSizeBytes} (0 = kernel default). */
  record EmptyDir(String name, Path dir, boolean memory, long tmpfsSizeBytes, long sizeLimitBytes, String sizeLimit)
      implements PlannedVolume {}

  /** A path of the host, checked (and maybe created) according to {@code type} ("" = no check). */
  record HostPath(String name, Path path, String type) implements PlannedVolume {}

  /**
   * A configMap, secret, downwardAPI or projected volume: exactly these files (relative clean paths), written with
   * {@link AtomicWriter} into {@code dir}, which is a tmpfs (secret, projected, as upstream) when {@code tmpfs}.
   */
  record Files(String name, VolumePlugin plugin, Path dir, boolean tmpfs, long tmpfsSizeBytes,
      SortedMap<String, FileProjection> payload) implements PlannedVolume {
    public Files {
      payload = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(payload));
    }

    public Map<String, String> texts() {
      Map<String, String> m = new java.util.TreeMap<>();
      payload.forEach((k, v) -> m.put(k, v.text()));
      return m;
    }
  }

  /**
   * A volume that cannot be set up now (object missing, bad item, unsupported type); {@code dir} is where it would
   * live (null when it has no directory of its own), so a volume already set up keeps its last content, as upstream.
   */
  record Unavailable(String name, Path dir, String message) implements PlannedVolume {}
}
