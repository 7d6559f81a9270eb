package io.j8s.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services: type, ports, selector, clusterIP (immutable once set), the fields that belong to
 * some types only (externalTrafficPolicy, the LoadBalancer fields), the health-check NodePort
 * (immutable while the Service needs one).
 */
final class ServiceValidation {
  private ServiceValidation() {}

  static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

  static void validate(Service svc, Service old, Errors e) {
    ServiceSpec s = svc.getSpec();
    if (s == null) {
      e.required("spec", "");
      return;
    }
    String type = s.getType() == null ? "ClusterIP" : s.getType();
    e.oneOf("spec.type", s.getType(), TYPES);
    List<ServicePort> ports = s.getPorts() == null ? List.of() : s.getPorts();
    boolean headless = "None".equals(s.getClusterIP());
    if (ports.isEmpty() && !type.equals("ExternalName") && !headless) e.required("spec.ports", "");
    if (type.equals("ExternalName") && (s.getExternalName() == null || s.getExternalName().isEmpty())) e.required("spec.externalName", "");
    Set<String> names = new HashSet<>();
    Set<String> portProto = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String pp = "spec.ports[" + i + "]";
      if (ports.size() > 1 && (p.getName() == null || p.getName().isEmpty())) e.required(pp + ".name", "");
      if (p.getName() != null && !p.getName().isEmpty()) {
        e.syntax(pp + ".name", p.getName(), Names.dns1123Label(p.getName()));
        if (!names.add(p.getName())) e.add(FieldError.duplicate(pp + ".name", p.getName()));
      }
      if (p.getPort() == null) e.required(pp + ".port", "");
      else e.port(pp + ".port", p.getPort());
      e.oneOf(pp + ".protocol", p.getProtocol(), PodValidation.PROTOCOLS);
      if (p.getPort() != null && !portProto.add(p.getPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()))) {
        e.add(FieldError.duplicate(pp, p.getPort() + "/" + p.getProtocol()));
      }
      IntOrString t = p.getTargetPort();
      if (t != null) {
        if (t.getIntVal() != null) e.port(pp + ".targetPort", t.getIntVal());
        else if (t.getStrVal() != null) e.syntax(pp + ".targetPort", t.getStrVal(), Names.portName(t.getStrVal()));
      }
      if (p.getNodePort() != null && p.getNodePort() != 0) {
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
          e.add(FieldError.forbidden(pp + ".nodePort", "may not be used when `type` is '" + type + "'"));
        } else {
          // the configured NodePort range (--service-node-port-range) is checked by the API server's allocator
          e.port(pp + ".nodePort", p.getNodePort());
        }
      }
    }
    String ip = s.getClusterIP();
    if (ip != null && !ip.isEmpty() && !ip.equals("None") && !isIPv4(ip) && !ip.contains(":")) {
      e.invalid("spec.clusterIP", ip, "must be empty, 'None', or a valid IP address");
    }
    MetaValidation.labels("spec.selector", s.getSelector(), e);
    e.oneOf("spec.sessionAffinity", s.getSessionAffinity(), List.of("ClientIP", "None"));
    if (s.getExternalTrafficPolicy() != null && !externallyAccessible(s)) {
      e.add(FieldError.invalid("spec.externalTrafficPolicy", s.getExternalTrafficPolicy(), "may only be set for externally-accessible services"));
    }
    e.oneOf("spec.externalTrafficPolicy", s.getExternalTrafficPolicy(), List.of("Cluster", "Local"));
    e.oneOf("spec.internalTrafficPolicy", s.getInternalTrafficPolicy(), List.of("Cluster", "Local"));
    loadBalancerOnly(s, old, type, e);
    if (old != null && old.getSpec() != null) {
      String before = old.getSpec().getClusterIP();
      if (before != null && !before.isEmpty() && !type.equals("ExternalName")) e.immutable("spec.clusterIP", before, ip);
      Integer hc = s.getHealthCheckNodePort();
      if (needsHealthCheck(old.getSpec()) && needsHealthCheck(s) && !java.util.Objects.equals(old.getSpec().getHealthCheckNodePort(), hc)) {
        e.add(FieldError.invalid("spec.healthCheckNodePort", hc, "field is immutable"));
      }
    }
  }

  /** Fields of a LoadBalancer only (the API server drops the untouched ones when the type changes; a changed one is refused). */
  private static void loadBalancerOnly(ServiceSpec s, Service old, String type, Errors e) {
    boolean lb = type.equals("LoadBalancer");
    String only = "may only be used when `type` is 'LoadBalancer'";
    if (s.getAllocateLoadBalancerNodePorts() != null && !lb) e.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts", only));
    if (s.getLoadBalancerSourceRanges() != null && !s.getLoadBalancerSourceRanges().isEmpty() && !lb) {
      e.add(FieldError.forbidden("spec.LoadBalancerSourceRanges", only)); // sic: upstream's field path
    }
    if (s.getLoadBalancerClass() != null && !lb) e.add(FieldError.forbidden("spec.loadBalancerClass", only));
    if (lb && old != null && old.getSpec() != null && "LoadBalancer".equals(old.getSpec().getType())
        && !java.util.Objects.equals(old.getSpec().getLoadBalancerClass(), s.getLoadBalancerClass())) {
      e.add(FieldError.invalid("spec.loadBalancerClass", s.getLoadBalancerClass(), "may not change once set"));
    }
  }

  /** Upstream's ExternallyAccessible: where externalTrafficPolicy applies. */
  static boolean externallyAccessible(ServiceSpec s) {
    String type = s.getType() == null ? "ClusterIP" : s.getType();
    return type.equals("NodePort") || type.equals("LoadBalancer")
        || (type.equals("ClusterIP") && s.getExternalIPs() != null && !s.getExternalIPs().isEmpty());
  }

  static boolean needsHealthCheck(ServiceSpec s) {
    return "LoadBalancer".equals(s.getType()) && "Local".equals(s.getExternalTrafficPolicy());
  }

  static boolean isIPv4(String s) {
    String[] p = s.split("\\.", -1);
    if (p.length != 4) return false;
    for (String o : p) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit) || Integer.parseInt(o) > 255) return false;
    }
    return true;
  }
}
