package io.j8s.proxy.tracker;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service as the proxy sees it: one {@link ServicePort} per port, or none for Services the
 * proxy ignores (ExternalName, headless, no IPv4 ClusterIP, or labelled
 * {@code service.kubernetes.io/service-proxy-name} for another proxy, as upstream's informer filter).
 */
public final class ServicePorts {
  public static final String PROXY_NAME_LABEL = "service.kubernetes.io/service-proxy-name";

  private ServicePorts() {}

  public static List<ServicePort> of(Service svc) {
    ServiceSpec spec = svc.getSpec();
    if (spec == null || spec.getPorts() == null) return List.of();
    Map<String, String> labels = svc.getMetadata().getLabels();
    if (labels != null && labels.containsKey(PROXY_NAME_LABEL)) return List.of();
    if ("ExternalName".equals(spec.getType())) return List.of();
    List<String> clusterIPs = new ArrayList<>();
    if (spec.getClusterIPs() != null) spec.getClusterIPs().stream().filter(ServicePorts::ipv4).forEach(clusterIPs::add);
    if (clusterIPs.isEmpty() && ipv4(spec.getClusterIP())) clusterIPs.add(spec.getClusterIP());
    if (clusterIPs.isEmpty()) return List.of();
    List<String> externalIPs = spec.getExternalIPs() == null ? List.of()
        : spec.getExternalIPs().stream().filter(ServicePorts::ipv4).distinct().sorted().toList();
    boolean lbType = "LoadBalancer".equals(spec.getType());
    List<String> lbIPs = List.of();
    if (lbType && svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null
        && svc.getStatus().getLoadBalancer().getIngress() != null) {
      lbIPs = svc.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp)
          .filter(ServicePorts::ipv4).distinct().toList();
    }
    List<String> sourceRanges = spec.getLoadBalancerSourceRanges() == null ? List.of()
        : spec.getLoadBalancerSourceRanges().stream().map(String::trim).filter(s -> !s.isEmpty() && !s.contains(":")).toList();
    boolean affinity = "ClientIP".equals(spec.getSessionAffinity());
    int sticky = 0;
    if (affinity) {
      sticky = ServicePort.DEFAULT_STICKY_SECONDS;
      if (spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
          && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null) {
        sticky = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
      }
    }
    boolean nodePortType = lbType || "NodePort".equals(spec.getType());
    boolean externallyAccessible = nodePortType || !externalIPs.isEmpty();
    boolean externalLocal = externallyAccessible && "Local".equals(spec.getExternalTrafficPolicy());
    boolean internalLocal = "Local".equals(spec.getInternalTrafficPolicy());
    int hcPort = lbType && externalLocal && spec.getHealthCheckNodePort() != null ? spec.getHealthCheckNodePort() : 0;
    String ns = svc.getMetadata().getNamespace();
    String name = svc.getMetadata().getName();
    List<ServicePort> out = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.ServicePort p : spec.getPorts()) {
      if (p.getPort() == null) continue;
      int nodePort = nodePortType && p.getNodePort() != null ? p.getNodePort() : 0;
      out.add(new ServicePort(ServicePortName.of(ns, name, p.getName(), Objects.requireNonNullElse(p.getProtocol(), "TCP")),
          clusterIPs.get(0), clusterIPs, p.getPort(), nodePort, externalIPs, lbIPs, lbType ? sourceRanges : List.of(),
          affinity, sticky, externalLocal, internalLocal, hcPort));
    }
    return List.copyOf(out);
  }

  static boolean ipv4(String ip) {
    return ip != null && !ip.isEmpty() && !"None".equals(ip) && ip.indexOf(':') < 0;
  }
}
