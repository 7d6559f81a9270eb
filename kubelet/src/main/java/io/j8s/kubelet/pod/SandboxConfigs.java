package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.j8s.kubelet.cri.v1.Int64Value;
import io.j8s.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.j8s.kubelet.cri.v1.LinuxSandboxSecurityContext;
import io.j8s.kubelet.cri.v1.NamespaceMode;
import io.j8s.kubelet.cri.v1.NamespaceOption;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxMetadata;
import io.j8s.kubelet.cri.v1.PortMapping;
import io.j8s.kubelet.cri.v1.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pod's CRI sandbox config (upstream's generatePodSandboxConfig), pure. */
public final class SandboxConfigs {
  private SandboxConfigs() {}

  public static PodSandboxConfig of(Pod pod, int attempt, PodManagerConfig cfg, Dns.HostResolv host) {
    var m = pod.getMetadata();
    PodSpec spec = pod.getSpec();
    boolean hostNet = Boolean.TRUE.equals(spec.getHostNetwork());
    PodSandboxConfig.Builder b = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()).setUid(m.getUid())
            .setAttempt(attempt))
        .setLogDirectory(cfg.podLogDir(m.getNamespace(), m.getName(), m.getUid()).toString())
        .setDnsConfig(Dns.config(pod, cfg.clusterDnsIp(), cfg.clusterDomain(), host))
        .putAllLabels(labels(pod))
        .putAllAnnotations(m.getAnnotations() == null ? Map.of() : m.getAnnotations())
        .addAllPortMappings(portMappings(spec));
    if (!hostNet) b.setHostname(hostname(pod, cfg.clusterDomain()));
    LinuxSandboxSecurityContext.Builder sc = LinuxSandboxSecurityContext.newBuilder()
        .setNamespaceOptions(namespaces(spec))
        .setPrivileged(anyPrivileged(spec));
    if (spec.getSecurityContext() != null && spec.getSecurityContext().getRunAsUser() != null) {
      sc.setRunAsUser(Int64Value.newBuilder().setValue(spec.getSecurityContext().getRunAsUser()));
    }
    b.setLinux(LinuxPodSandboxConfig.newBuilder()
        .setCgroupParent(Qos.cgroupParent(cfg.cgroupDriver(), Qos.podClass(pod), m.getUid()))
        .setSecurityContext(sc));
    return b.build();
  }

  /** The pod's labels plus the three the kubelet owns. */
  static Map<String, String> labels(Pod pod) {
    var m = pod.getMetadata();
    Map<String, String> out = new java.util.HashMap<>(m.getLabels() == null ? Map.of() : m.getLabels());
    out.put(Labels.POD_NAME, m.getName());
    out.put(Labels.POD_NAMESPACE, m.getNamespace());
    out.put(Labels.POD_UID, m.getUid());
    return out;
  }

  /** spec.hostname or the pod name (at most 63 characters, no trailing '-' or '.'); the FQDN if setHostnameAsFQDN. */
  public static String hostname(Pod pod, String clusterDomain) {
    PodSpec spec = pod.getSpec();
    String h = spec.getHostname() != null && !spec.getHostname().isEmpty() ? spec.getHostname() : pod.getMetadata().getName();
    if (h.length() > 63) h = h.substring(0, 63).replaceAll("[-.]+$", "");
    if (Boolean.TRUE.equals(spec.getSetHostnameAsFQDN()) && spec.getSubdomain() != null && !spec.getSubdomain().isEmpty()) {
      return h + "." + spec.getSubdomain() + "." + pod.getMetadata().getNamespace() + ".svc." + clusterDomain;
    }
    return h;
  }

  static List<PortMapping> portMappings(PodSpec spec) {
    List<PortMapping> out = new ArrayList<>();
    for (Container c : spec.getContainers()) {
      if (c.getPorts() == null) continue;
      for (ContainerPort p : c.getPorts()) {
        if (p.getHostPort() == null || p.getHostPort() <= 0) continue;
        PortMapping.Builder pm = PortMapping.newBuilder().setContainerPort(p.getContainerPort()).setHostPort(p.getHostPort())
            .setProtocol(protocol(p.getProtocol()));
        if (p.getHostIP() != null) pm.setHostIp(p.getHostIP());
        out.add(pm.build());
      }
    }
    return out;
  }

  static Protocol protocol(String p) {
    if ("UDP".equals(p)) return Protocol.UDP;
    if ("SCTP".equals(p)) return Protocol.SCTP;
    return Protocol.TCP;
  }

  /** Network NODE with hostNetwork; pid POD with shareProcessNamespace (else per container), NODE with hostPID; ipc likewise. */
  static NamespaceOption namespaces(PodSpec spec) {
    return NamespaceOption.newBuilder()
        .setNetwork(Boolean.TRUE.equals(spec.getHostNetwork()) ? NamespaceMode.NODE : NamespaceMode.POD)
        .setPid(Boolean.TRUE.equals(spec.getHostPID()) ? NamespaceMode.NODE
            : Boolean.TRUE.equals(spec.getShareProcessNamespace()) ? NamespaceMode.POD : NamespaceMode.CONTAINER)
        .setIpc(Boolean.TRUE.equals(spec.getHostIPC()) ? NamespaceMode.NODE : NamespaceMode.POD)
        .build();
  }

  static boolean anyPrivileged(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) all.addAll(spec.getInitContainers());
    return all.stream().anyMatch(c -> c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()));
  }
}
