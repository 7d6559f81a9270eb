package io.j8s.network.policy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.j8s.api.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod as policies see it: namespace, name, labels, its IPv4 address, its node and its named
 * container ports. Pods without an address, on the host network or finished (their address may
 * already be another pod's) take no part.
 */
public record PolicyPod(String namespace, String name, Map<String, String> labels, String ip, String node, List<NamedPort> ports) {
  /** A container port with a name: what a policy's named port resolves to on this pod. */
  public record NamedPort(String name, String protocol, int port) {}

  public PolicyPod {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  public String key() { return namespace + "/" + name; }

  /** The number of the port named {@code name} for {@code protocol}, if the pod has one. */
  public Optional<Integer> port(String name, String protocol) {
    for (NamedPort p : ports) if (p.name().equals(name) && p.protocol().equalsIgnoreCase(protocol)) return Optional.of(p.port());
    return Optional.empty();
  }

  public static Optional<PolicyPod> from(Pod p) {
    if (p.getMetadata() == null || p.getSpec() == null || p.getStatus() == null) return Optional.empty();
    if (Boolean.TRUE.equals(p.getSpec().getHostNetwork())) return Optional.empty();
    String phase = p.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) return Optional.empty();
    String ip = null;
    if (p.getStatus().getPodIPs() != null) {
      for (PodIP a : p.getStatus().getPodIPs()) {
        if (a.getIp() != null && Ipv4.parse(a.getIp()).isPresent()) {
          ip = a.getIp();
          break;
        }
      }
    }
    if (ip == null && Ipv4.parse(p.getStatus().getPodIP()).isPresent()) ip = p.getStatus().getPodIP();
    if (ip == null) return Optional.empty();
    List<NamedPort> ports = new ArrayList<>();
    List<Container> cs = new ArrayList<>();
    if (p.getSpec().getContainers() != null) cs.addAll(p.getSpec().getContainers());
    if (p.getSpec().getInitContainers() != null) cs.addAll(p.getSpec().getInitContainers());
    for (Container c : cs) {
      if (c.getPorts() == null) continue;
      for (ContainerPort cp : c.getPorts()) {
        if (cp.getName() != null && cp.getContainerPort() != null) {
          ports.add(new NamedPort(cp.getName(), cp.getProtocol() == null ? "TCP" : cp.getProtocol(), cp.getContainerPort()));
        }
      }
    }
    Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    return Optional.of(new PolicyPod(p.getMetadata().getNamespace(), p.getMetadata().getName(), labels, ip, p.getSpec().getNodeName(), ports));
  }
}
