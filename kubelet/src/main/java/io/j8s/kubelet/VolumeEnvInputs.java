package io.j8s.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.j8s.kubelet.env.EnvContext;
import io.j8s.kubelet.env.EnvResolver;
import io.j8s.kubelet.env.ResolvedEnv;
import io.j8s.kubelet.pod.ContainerConfigException;
import io.j8s.kubelet.pod.ContainerInputs;
import io.j8s.kubelet.volume.ContainerMounts;
import io.j8s.kubelet.volume.PodVolumes;
import io.j8s.kubelet.volume.VolumeSetup;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The env and volume subsystems behind the pod workers' {@link ContainerInputs} seam: before a
 * container is created its pod's volumes are set up (idempotently), its environment resolved, and
 * its mounts built. Differences from upstream, for now: a volume that cannot be set up, like a
 * missing ConfigMap, leaves the container in CreateContainerConfigError naming the volume rather
 * than in ContainerCreating with FailedMount events.
 */
final class VolumeEnvInputs implements ContainerInputs {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeEnvInputs.class);

  private final EnvResolver envs;
  private final PodVolumes volumes;
  private final Map<String, Quantity> allocatable;

  VolumeEnvInputs(EnvResolver envs, PodVolumes volumes, Map<String, Quantity> allocatable) {
    this.envs = envs;
    this.volumes = volumes;
    this.allocatable = Map.copyOf(allocatable);
  }

  @Override
  public Resolved resolve(Pod pod, Container container, PodContext context) throws ContainerConfigException {
    VolumeSetup setup = volumes.sync(pod);
    ResolvedEnv env;
    try {
      List<String> hostIps = context.hostIp() == null ? List.of() : List.of(context.hostIp());
      env = envs.resolve(pod, container, new EnvContext(context.podIps(), hostIps, allocatable));
    } catch (io.j8s.kubelet.env.ContainerConfigException e) {
      throw new ContainerConfigException(e.getMessage(), e);
    }
    return switch (volumes.mounts(pod, container, setup, env.vars())) {
      case ContainerMounts.Ready r -> new Resolved(env.toCri(), r.mounts());
      case ContainerMounts.VolumesNotReady v -> throw new ContainerConfigException(String.join("; ", v.messages()));
      case ContainerMounts.ConfigError e -> throw new ContainerConfigException(e.message());
    };
  }

  /** Sets up the pod's volumes ahead of its first container (resolve does it again, idempotently, and reports failures). */
  @Override
  public void prepare(Pod pod) {
    try {
      volumes.sync(pod);
    } catch (RuntimeException e) {
      LOG.debug("preparing the volumes of pod {}: {}", pod.getMetadata().getName(), e.toString());
    }
  }

  /** Rewrites the pod's projected files (configMap, secret, downwardAPI) where their sources changed. */
  void refresh(Pod pod) {
    VolumeSetup setup = volumes.sync(pod);
    if (!setup.failures().isEmpty()) LOG.debug("refreshing volumes of pod {}: {}", pod.getMetadata().getName(), setup.failures());
  }

  @Override
  public void podRemoved(String podUid) {
    try {
      volumes.tearDown(podUid);
    } catch (IOException e) {
      LOG.warn("tearing down the volumes of pod {} failed (kept for the next cleanup): {}", podUid, e.toString());
    }
  }
}
