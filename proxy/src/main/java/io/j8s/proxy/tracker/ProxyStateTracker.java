package io.j8s.proxy.tracker;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Service and EndpointSlice change tracker (upstream's ServiceChangeTracker and
 * EndpointsChangeTracker in one): informer events go in, each updates the per-service view and,
 * only when what the proxy sees of that Service actually changed, records the Service as changed
 * and returns true (so the caller triggers a sync). {@link #snapshot()} hands out the current
 * {@link ProxyState} with the Services changed since the previous snapshot. Thread-safe; every
 * method is short and never blocks on I/O, so it may be called from informer handlers.
 */
public final class ProxyStateTracker {
  /** The state to render and the Services whose rules changed since the previous snapshot. */
  public record Snapshot(ProxyState state, Set<ServiceRef> changed) {}

  private final Map<ServiceRef, List<ServicePort>> services = new HashMap<>();
  private final Map<String, SliceEndpoints> slices = new HashMap<>();
  private final Map<ServiceRef, Map<String, SliceEndpoints>> slicesByService = new HashMap<>();
  private final TreeMap<ServicePortName, ServicePort> servicePorts = new TreeMap<>();
  private final TreeMap<ServicePortName, List<Endpoint>> endpoints = new TreeMap<>();
  private final Map<ServiceRef, Map<ServicePortName, List<Endpoint>>> endpointsByService = new HashMap<>();
  private final Set<ServiceRef> changed = new TreeSet<>();
  private boolean servicesSynced;
  private boolean slicesSynced;

  public synchronized boolean onService(Service svc) {
    ServiceRef ref = new ServiceRef(svc.getMetadata().getNamespace(), svc.getMetadata().getName());
    return setService(ref, ServicePorts.of(svc));
  }

  public synchronized boolean onServiceDeleted(Service svc) {
    return setService(new ServiceRef(svc.getMetadata().getNamespace(), svc.getMetadata().getName()), List.of());
  }

  public synchronized boolean onEndpointSlice(EndpointSlice slice) {
    return setSlice(sliceKey(slice), SliceEndpoints.of(slice));
  }

  public synchronized boolean onEndpointSliceDeleted(EndpointSlice slice) {
    return setSlice(sliceKey(slice), null);
  }

  /** The informers' initial lists have been delivered; no sync should run before both. */
  public synchronized void markServicesSynced() {
    servicesSynced = true;
  }

  public synchronized void markEndpointSlicesSynced() {
    slicesSynced = true;
  }

  public synchronized boolean synced() {
    return servicesSynced && slicesSynced;
  }

  /** The current state and the Services changed since the last snapshot (then forgotten). */
  public synchronized Snapshot snapshot() {
    Set<ServiceRef> c = Set.copyOf(changed);
    changed.clear();
    return new Snapshot(new ProxyState(servicePorts, endpoints), c);
  }

  private boolean setService(ServiceRef ref, List<ServicePort> ports) {
    List<ServicePort> old = services.getOrDefault(ref, List.of());
    if (old.equals(ports)) return false;
    for (ServicePort p : old) servicePorts.remove(p.name());
    if (ports.isEmpty()) services.remove(ref);
    else services.put(ref, ports);
    for (ServicePort p : ports) servicePorts.put(p.name(), p);
    changed.add(ref);
    return true;
  }

  private boolean setSlice(String key, SliceEndpoints now) {
    SliceEndpoints before = slices.remove(key);
    if (now != null && now.service() != null) slices.put(key, now);
    Set<ServiceRef> affected = new TreeSet<>();
    if (before != null && before.service() != null) {
      slicesByService.computeIfPresent(before.service(), (r, m) -> {
        m.remove(key);
        return m.isEmpty() ? null : m;
      });
      affected.add(before.service());
    }
    if (now != null && now.service() != null) {
      slicesByService.computeIfAbsent(now.service(), r -> new LinkedHashMap<>()).put(key, now);
      affected.add(now.service());
    }
    boolean any = false;
    for (ServiceRef ref : affected) any |= recomputeEndpoints(ref);
    return any;
  }

  private boolean recomputeEndpoints(ServiceRef ref) {
    Map<ServicePortName, Map<String, Endpoint>> merged = new TreeMap<>();
    for (SliceEndpoints s : slicesByService.getOrDefault(ref, Map.of()).values()) {
      s.ports().forEach((port, eps) -> {
        Map<String, Endpoint> byAddr = merged.computeIfAbsent(port, p -> new TreeMap<>());
        for (Endpoint e : eps) byAddr.merge(e.address(), e, (a, b) -> a.ready() ? a : b);
      });
    }
    Map<ServicePortName, List<Endpoint>> now = new TreeMap<>();
    merged.forEach((port, byAddr) -> {
      if (!byAddr.isEmpty()) now.put(port, List.copyOf(new ArrayList<>(byAddr.values()).stream().sorted().toList()));
    });
    Map<ServicePortName, List<Endpoint>> old = endpointsByService.getOrDefault(ref, Map.of());
    if (old.equals(now)) return false;
    old.keySet().forEach(endpoints::remove);
    endpoints.putAll(now);
    if (now.isEmpty()) endpointsByService.remove(ref);
    else endpointsByService.put(ref, now);
    changed.add(ref);
    return true;
  }

  private static String sliceKey(EndpointSlice slice) {
    return slice.getMetadata().getNamespace() + "/" + slice.getMetadata().getName();
  }
}
