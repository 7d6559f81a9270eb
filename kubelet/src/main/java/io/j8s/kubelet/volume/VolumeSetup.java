package io.j8s.kubelet.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of applying a pod's plan: per volume, where containers mount it from, or why it is not there. */
public record VolumeSetup(Map<String, State> volumes) {
  public VolumeSetup {
    volumes = Map.copyOf(volumes);
  }

  public sealed interface State {}

  /**
   * Set up at {@code hostPath}. {@code readOnly}: the volume is mounted read-only whatever the volumeMount says
   * (configMap, secret, downwardAPI, projected, as upstream). {@code warning}: set up, but not as wanted (a refresh
   * failed and the last content stays, a secret not on tmpfs...); worth an event.
   */
  public record Ready(Path hostPath, boolean readOnly, Optional<String> warning) implements State {}

  /** Not set up; {@code message} is upstream's FailedMount text. Containers mounting it cannot start. */
  public record Failed(String message) implements State {}

  public Optional<State> state(String volume) {
    return Optional.ofNullable(volumes.get(volume));
  }

  /** The FailedMount messages, for events. */
  public List<String> failures() {
    return volumes.values().stream().filter(s -> s instanceof Failed).map(s -> ((Failed) s).message()).sorted().toList();
  }

  public List<String> warnings() {
    return volumes.values().stream().filter(s -> s instanceof Ready r && r.warning().isPresent())
        .map(s -> ((Ready) s).warning().orElseThrow()).sorted().toList();
  }

  /** Every volume is set up. */
  public boolean allReady() {
    return volumes.values().stream().allMatch(s -> s instanceof Ready);
  }
}
