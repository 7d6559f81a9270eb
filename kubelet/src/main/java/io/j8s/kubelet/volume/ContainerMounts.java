package io.j8s.kubelet.volume;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.j8s.kubelet.cri.v1.Mount;
import io.j8s.kubelet.cri.v1.MountPropagation;
import io.j8s.kubelet.env.EnvVar;
import io.j8s.kubelet.env.Expansion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A container's CRI mounts from its {@code volumeMounts}, or why it cannot start yet. Upstream's kubelet waits for
 * the volumes first ({@link VolumesNotReady}: the container stays {@code ContainerCreating}, FailedMount events),
 * then builds the mounts, where a bad subPath or propagation is a {@code CreateContainerConfigError}
 * ({@link ConfigError}).
 */
public sealed interface ContainerMounts {
  record Ready(List<Mount> mounts) implements ContainerMounts {
    public Ready {
      mounts = List.copyOf(mounts);
    }
  }

  record VolumesNotReady(List<String> messages) implements ContainerMounts {
    public VolumesNotReady {
      messages = List.copyOf(messages);
    }
  }

  record ConfigError(String message) implements ContainerMounts {}

  /**
   * Builds the mounts of {@code container} (an app or init container of {@code pod}) from the volumes of
   * {@code setup}; {@code env} is the container's resolved environment, for {@code subPathExpr}. A missing
   * subPath is created inside the volume; one that resolves (through symlinks) outside the volume is refused.
   */
  static ContainerMounts build(Pod pod, Container container, VolumeSetup setup, List<EnvVar> env) {
    List<VolumeMount> vms = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
    TreeSet<String> notReady = new TreeSet<>();
    for (VolumeMount vm : vms) {
      if (setup.state(vm.getName()).orElse(null) instanceof VolumeSetup.Failed f) notReady.add(f.message());
    }
    if (!notReady.isEmpty()) return new VolumesNotReady(List.copyOf(notReady));
    List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    Map<String, String> envMap = new java.util.HashMap<>();
    for (EnvVar v : env) envMap.put(v.name(), v.value());
    List<Mount> mounts = new ArrayList<>();
    for (VolumeMount vm : vms) {
      boolean declared = volumes.stream().anyMatch(v -> v.getName().equals(vm.getName()));
      if (!declared || !(setup.state(vm.getName()).orElse(null) instanceof VolumeSetup.Ready ready)) {
        return new ConfigError("cannot find volume \"" + vm.getName() + "\" to mount into container \"" + container.getName() + "\"");
      }
      String subPath = vm.getSubPath() == null ? "" : vm.getSubPath();
      if (vm.getSubPathExpr() != null && !vm.getSubPathExpr().isEmpty()) {
        TreeSet<String> missing = new TreeSet<>();
        subPath = Expansion.expand(vm.getSubPathExpr(), k -> {
          String val = envMap.get(k);
          if (val == null || val.isEmpty()) missing.add(k);
          return val == null ? "" : val;
        });
        if (!missing.isEmpty()) return new ConfigError("missing value for " + String.join(", ", missing));
      }
      Path hostPath = ready.hostPath();
      if (!subPath.isEmpty()) {
        if (subPath.startsWith("/")) return new ConfigError("error SubPath `" + subPath + "` must not be an absolute path");
        for (String part : subPath.split("/")) {
          if (part.equals("..")) return new ConfigError("unable to provision SubPath `" + subPath + "`: must not contain '..'");
        }
        try {
          hostPath = SubPaths.prepare(ready.hostPath(), subPath);
        } catch (SubPaths.MakeDirException e) {
          return new ConfigError("failed to create subPath directory for volumeMount \"" + vm.getName() + "\" of container \""
              + container.getName() + "\"");
        } catch (IOException e) {
          return new ConfigError("failed to prepare subPath for volumeMount \"" + vm.getName() + "\" of container \""
              + container.getName() + "\"");
        }
      }
      MountPropagation propagation;
      String mode = vm.getMountPropagation();
      if (mode == null || mode.equals("None")) propagation = MountPropagation.PROPAGATION_PRIVATE;
      else if (mode.equals("HostToContainer")) propagation = MountPropagation.PROPAGATION_HOST_TO_CONTAINER;
      else if (mode.equals("Bidirectional")) propagation = MountPropagation.PROPAGATION_BIDIRECTIONAL;
      else return new ConfigError("invalid MountPropagation mode: \"" + mode + "\"");
      String containerPath = vm.getMountPath().startsWith("/") ? vm.getMountPath() : "/" + vm.getMountPath();
      mounts.add(Mount.newBuilder().setContainerPath(containerPath).setHostPath(hostPath.toString())
          .setReadonly(Boolean.TRUE.equals(vm.getReadOnly()) || ready.readOnly()).setPropagation(propagation).build());
    }
    return new Ready(mounts);
  }
}
