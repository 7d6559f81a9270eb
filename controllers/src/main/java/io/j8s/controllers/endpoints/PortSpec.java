package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointPort;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One resolved service port for one pod: the service port's name, the pod's port number, protocol, appProtocol. */
public record PortSpec(String name, int port, String protocol, String appProtocol) {
  static final Comparator<PortSpec> ORDER = Comparator.comparing(PortSpec::name).thenComparingInt(PortSpec::port)
      .thenComparing(PortSpec::protocol).thenComparing(p -> Objects.toString(p.appProtocol(), ""));

  public PortSpec {
    name = name == null ? "" : name;
    protocol = protocol == null ? "TCP" : protocol;
  }

  /** The same ports in a canonical order: two pods with equal keys share slices. */
  static List<PortSpec> key(List<PortSpec> ports) {
    return ports.stream().sorted(ORDER).toList();
  }

  static PortSpec of(io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort p) {
    return new PortSpec(p.getName(), p.getPort() == null ? 0 : p.getPort(), p.getProtocol(), p.getAppProtocol());
  }

  static PortSpec of(EndpointPort p) {
    return new PortSpec(p.getName(), p.getPort() == null ? 0 : p.getPort(), p.getProtocol(), p.getAppProtocol());
  }

  io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort toSlicePort() {
    return new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder()
        .withName(name).withPort(port).withProtocol(protocol).withAppProtocol(appProtocol).build();
  }

  EndpointPort toEndpointPort() {
    return new io.fabric8.kubernetes.api.model.EndpointPortBuilder()
        .withName(name.isEmpty() ? null : name).withPort(port).withProtocol(protocol).withAppProtocol(appProtocol).build();
  }
}
