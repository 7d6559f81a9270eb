package io.j8s.kubelet.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** All volumes of one pod as they should be on the node, in the pod's order. */
public record VolumePlan(String podUid, Path podDir, List<PlannedVolume> volumes) {
  public VolumePlan {
    volumes = List.copyOf(volumes);
  }

  public Optional<PlannedVolume> volume(String name) {
    return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
  }
}
