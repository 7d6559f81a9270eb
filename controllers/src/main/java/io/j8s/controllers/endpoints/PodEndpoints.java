package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Pure: which pods back a Service, with which address, readiness and ports (as upstream's endpoint utilities decide). */
public final class PodEndpoints {
  public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";
  public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
  public static final String LABEL_SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";
  public static final String LABEL_HEADLESS = "service.kubernetes.io/headless";
  public static final String LABEL_ZONE = "topology.kubernetes.io/zone";

  private PodEndpoints() {}

  /** Services of type ExternalName and services without a selector get no managed endpoints. */
  public static boolean managesEndpoints(Service s) {
    return s.getSpec() != null && !"ExternalName".equals(s.getSpec().getType())
        && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty();
  }

  public static boolean selects(Service s, Pod p) {
    if (!managesEndpoints(s) || !Objects.equals(s.getMetadata().getNamespace(), p.getMetadata().getNamespace())) return false;
    Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    for (var e : s.getSpec().getSelector().entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    return true;
  }

  public static boolean headless(Service s) {
    return "None".equals(s.getSpec().getClusterIP());
  }

  public static boolean terminating(Pod p) {
    return p.getMetadata().getDeletionTimestamp() != null;
  }

  public static boolean terminal(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** The pod's IPv4 address (from podIPs, else podIP), if it has one. */
  public static Optional<String> ipv4(Pod p) {
    if (p.getStatus() == null) return Optional.empty();
    List<String> ips = new ArrayList<>();
    if (p.getStatus().getPodIPs() != null) p.getStatus().getPodIPs().stream().map(PodIP::getIp).forEach(ips::add);
    if (p.getStatus().getPodIP() != null) ips.add(p.getStatus().getPodIP());
    return ips.stream().filter(ip -> ip != null && ip.indexOf(':') < 0 && !ip.isEmpty()).findFirst();
  }

  /** Pods with an address and not in a terminal phase count; terminating ones too (the caller decides). */
  public static boolean candidate(Pod p) {
    return ipv4(p).isPresent() && !terminal(p);
  }

  /** Upstream sets an endpoint's hostname when the pod names itself into the service's subdomain. */
  public static Optional<String> hostname(Pod p, Service s) {
    String h = p.getSpec() == null ? null : p.getSpec().getHostname();
    if (h == null || h.isEmpty()) return Optional.empty();
    return Objects.equals(p.getSpec().getSubdomain(), s.getMetadata().getName())
        && Objects.equals(p.getMetadata().getNamespace(), s.getMetadata().getNamespace()) ? Optional.of(h) : Optional.empty();
  }

  /** The pod's port for a service port: a number as is, a name looked up in the pod's containers (and sidecars). */
  public static OptionalInt findPort(Pod p, ServicePort sp) {
    IntOrString target = sp.getTargetPort();
    if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) return OptionalInt.of(sp.getPort());
    if (target.getIntVal() != null) return OptionalInt.of(target.getIntVal());
    String name = target.getStrVal();
    try {
      return OptionalInt.of(Integer.parseInt(name));
    } catch (NumberFormatException notANumber) {
      // a port name
    }
    String proto = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
    for (Container c : containers(p)) {
      if (c.getPorts() == null) continue;
      for (ContainerPort cp : c.getPorts()) {
        String cproto = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
        if (name.equals(cp.getName()) && proto.equals(cproto) && cp.getContainerPort() != null) return OptionalInt.of(cp.getContainerPort());
      }
    }
    return OptionalInt.empty();
  }

  private static List<Container> containers(Pod p) {
    if (p.getSpec() == null) return List.of();
    Stream<Container> sidecars = p.getSpec().getInitContainers() == null ? Stream.empty()
        : p.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()));
    Stream<Container> main = p.getSpec().getContainers() == null ? Stream.empty() : p.getSpec().getContainers().stream();
    return Stream.concat(main, sidecars).toList();
  }

  /**
   * The service's ports resolved for this pod, in the service's order. A port the pod cannot
   * resolve (a named targetPort none of its containers declares) is dropped, as upstream does;
   * when the service has ports and none resolves, the pod is left out (empty Optional). A
   * headless service without ports gives an empty list.
   */
  public static Optional<List<PortSpec>> ports(Service s, Pod p) {
    List<ServicePort> sps = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
    if (sps.isEmpty()) return headless(s) ? Optional.of(List.of()) : Optional.empty();
    List<PortSpec> out = new ArrayList<>();
    for (ServicePort sp : sps) {
      OptionalInt n = findPort(p, sp);
      if (n.isPresent()) out.add(new PortSpec(sp.getName(), n.getAsInt(), sp.getProtocol(), sp.getAppProtocol()));
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
  }
}
