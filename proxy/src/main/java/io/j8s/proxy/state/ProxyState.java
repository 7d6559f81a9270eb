package io.j8s.proxy.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a proxy mode renders from, as one immutable value: the service ports (sorted by
 * name, so renderings are deterministic) and, per service port, its endpoints sorted by address.
 * Endpoints are kept whatever their conditions; {@link EndpointSelection} picks the usable ones.
 * A service port without an entry in {@code endpoints} has none.
 */
public record ProxyState(SortedMap<ServicePortName, ServicePort> services, SortedMap<ServicePortName, List<Endpoint>> endpoints) {
  public static final ProxyState EMPTY = new ProxyState(new TreeMap<>(), new TreeMap<>());

  public ProxyState {
    services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
    TreeMap<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    endpoints.forEach((k, v) -> {
      if (!v.isEmpty()) eps.put(k, v.stream().sorted().toList());
    });
    endpoints = Collections.unmodifiableSortedMap(eps);
  }

  /** Builds a state from service ports and their endpoints (any order). */
  public static ProxyState of(Map<ServicePortName, ServicePort> services, Map<ServicePortName, List<Endpoint>> endpoints) {
    return new ProxyState(new TreeMap<>(services), new TreeMap<>(endpoints));
  }

  public List<Endpoint> endpointsOf(ServicePortName name) {
    return endpoints.getOrDefault(name, List.of());
  }

  /** Number of endpoints over all service ports (a metric). */
  public int endpointCount() {
    return endpoints.values().stream().mapToInt(List::size).sum();
  }
}
