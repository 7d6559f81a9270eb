package io.j8s.proxy.tracker;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The endpoints one EndpointSlice (discovery.k8s.io/v1, addressType IPv4) contributes, per service
 * port; {@code service} is null for slices the proxy ignores (no {@code kubernetes.io/service-name}
 * label, another address type, or labelled for another proxy).
 */
public record SliceEndpoints(ServiceRef service, Map<ServicePortName, List<Endpoint>> ports) {
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  public static SliceEndpoints of(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    String svc = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
    if (svc == null || svc.isEmpty() || labels.containsKey(ServicePorts.PROXY_NAME_LABEL)
        || !"IPv4".equals(slice.getAddressType())) {
      return new SliceEndpoints(null, Map.of());
    }
    ServiceRef ref = new ServiceRef(slice.getMetadata().getNamespace(), svc);
    Map<ServicePortName, List<Endpoint>> ports = new TreeMap<>();
    for (EndpointPort p : Objects.requireNonNullElse(slice.getPorts(), List.<EndpointPort>of())) {
      if (p.getPort() == null || p.getPort() <= 0) continue;
      ServicePortName name = new ServicePortName(ref, p.getName(), Objects.requireNonNullElse(p.getProtocol(), "TCP"));
      List<Endpoint> eps = new ArrayList<>();
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e
          : Objects.requireNonNullElse(slice.getEndpoints(), List.<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint>of())) {
        if (e.getAddresses() == null || e.getAddresses().isEmpty()) continue;
        EndpointConditions c = e.getConditions();
        boolean ready = c == null || c.getReady() == null || c.getReady();
        boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
        boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
        eps.add(new Endpoint(e.getAddresses().get(0), p.getPort(), ready, serving, terminating, e.getNodeName(), e.getZone()));
      }
      ports.merge(name, eps, (a, b) -> {
        List<Endpoint> m = new ArrayList<>(a);
        m.addAll(b);
        return m;
      });
    }
    return new SliceEndpoints(ref, ports);
  }
}
