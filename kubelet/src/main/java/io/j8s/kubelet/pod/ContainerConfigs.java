package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.j8s.kubelet.cri.v1.Capability;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerMetadata;
import io.j8s.kubelet.cri.v1.ImageSpec;
import io.j8s.kubelet.cri.v1.Int64Value;
import io.j8s.kubelet.cri.v1.KeyValue;
import io.j8s.kubelet.cri.v1.LinuxContainerConfig;
import io.j8s.kubelet.cri.v1.LinuxContainerSecurityContext;
import io.j8s.kubelet.cri.v1.Mount;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A container's CRI config (upstream's generateContainerConfig), pure: the env list and mounts come
 * in resolved ({@link ContainerInputs}), plus the host file mounted at terminationMessagePath.
 */
public final class ContainerConfigs {
  public static final String DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  private ContainerConfigs() {}

  public static ContainerConfig of(Pod pod, Container c, boolean init, int restartCount, ContainerInputs.Resolved inputs,
      String terminationLogHostPath, long nodeMemoryBytes) {
    var m = pod.getMetadata();
    Map<String, String> env = new HashMap<>();
    for (KeyValue kv : inputs.env()) env.put(kv.getKey(), kv.getValue());
    ContainerConfig.Builder b = ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(c.getName()).setAttempt(restartCount))
        .setImage(ImageSpec.newBuilder().setImage(c.getImage()))
        .addAllCommand(expand(c.getCommand(), env))
        .addAllArgs(expand(c.getArgs(), env))
        .addAllEnvs(inputs.env())
        .addAllMounts(inputs.mounts())
        .putLabels(Labels.POD_NAME, m.getName())
        .putLabels(Labels.POD_NAMESPACE, m.getNamespace())
        .putLabels(Labels.POD_UID, m.getUid())
        .putLabels(Labels.CONTAINER_NAME, c.getName())
        .putAnnotations(Labels.RESTART_COUNT, Integer.toString(restartCount))
        .putAnnotations(Labels.CONTAINER_HASH, hash(c))
        .putAnnotations(Labels.GRACE_PERIOD, Long.toString(gracePeriod(pod)))
        .putAnnotations(Labels.TERMINATION_MESSAGE_PATH, terminationMessagePath(c))
        .putAnnotations(Labels.TERMINATION_MESSAGE_POLICY, c.getTerminationMessagePolicy() == null ? "File" : c.getTerminationMessagePolicy())
        .setLogPath(c.getName() + "/" + restartCount + ".log")
        .setStdin(Boolean.TRUE.equals(c.getStdin()))
        .setStdinOnce(Boolean.TRUE.equals(c.getStdinOnce()))
        .setTty(Boolean.TRUE.equals(c.getTty()))
        .setLinux(LinuxContainerConfig.newBuilder()
            .setResources(Resources.of(pod, c, nodeMemoryBytes))
            .setSecurityContext(security(pod, c)));
    if (init) b.putLabels(Labels.INIT_CONTAINER, "true");
    if (c.getWorkingDir() != null) b.setWorkingDir(c.getWorkingDir());
    if (terminationLogHostPath != null) {
      b.addMounts(Mount.newBuilder().setContainerPath(terminationMessagePath(c)).setHostPath(terminationLogHostPath));
    }
    return b.build();
  }

  static List<String> expand(List<String> in, Map<String, String> env) {
    return in == null ? List.of() : in.stream().map(s -> VarExpansion.expand(s, env)).toList();
  }

  public static String terminationMessagePath(Container c) {
    return c.getTerminationMessagePath() == null || c.getTerminationMessagePath().isEmpty()
        ? DEFAULT_TERMINATION_MESSAGE_PATH : c.getTerminationMessagePath();
  }

  /** terminationGracePeriodSeconds, default 30. */
  public static long gracePeriod(Pod pod) {
    Long g = pod.getSpec().getTerminationGracePeriodSeconds();
    return g == null ? 30 : Math.max(0, g);
  }

  /** A stable hash of the container's spec: a running container whose hash differs is restarted. */
  public static String hash(Container c) {
    CRC32 crc = new CRC32();
    crc.update(Serialization.asJson(c).getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  static LinuxContainerSecurityContext security(Pod pod, Container c) {
    PodSecurityContext psc = pod.getSpec().getSecurityContext();
    SecurityContext sc = c.getSecurityContext();
    LinuxContainerSecurityContext.Builder b = LinuxContainerSecurityContext.newBuilder()
        .setNamespaceOptions(SandboxConfigs.namespaces(pod.getSpec()));
    Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
    Long group = sc != null && sc.getRunAsGroup() != null ? sc.getRunAsGroup() : psc == null ? null : psc.getRunAsGroup();
    if (user != null) b.setRunAsUser(Int64Value.newBuilder().setValue(user));
    if (group != null) b.setRunAsGroup(Int64Value.newBuilder().setValue(group));
    if (sc != null) {
      b.setPrivileged(Boolean.TRUE.equals(sc.getPrivileged()));
      b.setReadonlyRootfs(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()));
      if (sc.getAllowPrivilegeEscalation() != null) b.setNoNewPrivs(!sc.getAllowPrivilegeEscalation());
      Capabilities caps = sc.getCapabilities();
      if (caps != null) {
        b.setCapabilities(Capability.newBuilder()
            .addAllAddCapabilities(caps.getAdd() == null ? List.of() : caps.getAdd())
            .addAllDropCapabilities(caps.getDrop() == null ? List.of() : caps.getDrop()));
      }
    }
    return b.build();
  }
}
