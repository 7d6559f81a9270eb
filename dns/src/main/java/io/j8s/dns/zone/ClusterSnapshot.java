package io.j8s.dns.zone;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the cluster zone is made of, at one moment: the Services by {@code name.namespace} (lower
 * case) with their ready endpoints, the namespaces that have any Service, and the reverse index.
 *
 * @param reverse for each ClusterIP and each headless endpoint address (in {@link
 *                java.net.InetAddress#getHostAddress()} form), the names it belongs to, relative to
 *                the domain ({@code svc.ns.svc}, {@code host.svc.ns.svc}): the PTR records
 * @param serial  a number that changes with the content (the SOA serial)
 */
public record ClusterSnapshot(Map<String, ServiceEntry> services, Set<String> namespaces, Map<String, List<String>> reverse,
    long serial) {
  public static final ClusterSnapshot EMPTY = new ClusterSnapshot(Map.of(), Set.of(), Map.of(), 0);

  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  public enum Kind { CLUSTER_IP, HEADLESS, EXTERNAL_NAME }

  /** A port: a Service's (ClusterIP) or an EndpointSlice's (headless); protocol lower case. */
  public record Port(String name, String protocol, int port) {}

  /** A ready (or published not-ready) endpoint address with its slice's ports. */
  public record EndpointEntry(String ip, String hostname, List<Port> ports) {
    /** Its name under the service: the hostname, else the address with dashes ({@code 10-42-0-5}). */
    public String label() {
      return hostname != null && !hostname.isEmpty() ? hostname.toLowerCase(Locale.ROOT) : ip.replace('.', '-').replace(':', '-');
    }
  }

  public record ServiceEntry(String name, String namespace, Kind kind, List<String> clusterIps, String externalName,
      List<Port> ports, List<EndpointEntry> endpoints) {}

  public ServiceEntry service(String name, String namespace) {
    return services.get(name + "." + namespace);
  }

  /** Builds the snapshot from the informers' objects (pure). */
  public static ClusterSnapshot of(List<Service> services, List<EndpointSlice> slices, long serial) {
    Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice s : slices) {
      Map<String, String> labels = s.getMetadata().getLabels();
      String svc = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
      if (svc == null || s.getAddressType() == null || s.getAddressType().equals("FQDN")) continue;
      slicesByService.computeIfAbsent(key(svc, s.getMetadata().getNamespace()), k -> new ArrayList<>()).add(s);
    }
    Map<String, ServiceEntry> entries = new HashMap<>();
    Set<String> namespaces = new HashSet<>();
    for (Service s : services) {
      if (s.getSpec() == null || s.getMetadata().getDeletionTimestamp() != null) continue;
      String name = s.getMetadata().getName(), ns = s.getMetadata().getNamespace();
      String key = key(name, ns);
      namespaces.add(ns.toLowerCase(Locale.ROOT));
      List<Port> ports = new ArrayList<>();
      if (s.getSpec().getPorts() != null) {
        for (ServicePort p : s.getSpec().getPorts()) ports.add(new Port(p.getName(), protocol(p.getProtocol()), p.getPort()));
      }
      Kind kind = kind(s);
      boolean publishNotReady = Boolean.TRUE.equals(s.getSpec().getPublishNotReadyAddresses());
      List<EndpointEntry> endpoints = kind == Kind.HEADLESS
          ? endpoints(slicesByService.getOrDefault(key, List.of()), publishNotReady) : List.of();
      List<String> ips = kind == Kind.CLUSTER_IP ? clusterIps(s) : List.of();
      entries.put(key, new ServiceEntry(name, ns, kind, ips, s.getSpec().getExternalName(), List.copyOf(ports), endpoints));
    }
    return new ClusterSnapshot(Map.copyOf(entries), Set.copyOf(namespaces), reverse(entries.values()), serial);
  }

  /** The PTR targets per address, sorted so that the answer does not depend on map order. */
  static Map<String, List<String>> reverse(Iterable<ServiceEntry> services) {
    Map<String, Set<String>> out = new HashMap<>();
    for (ServiceEntry s : services) {
      String svc = (s.name() + "." + s.namespace() + ".svc").toLowerCase(Locale.ROOT);
      for (String ip : s.clusterIps()) add(out, ip, svc);
      for (EndpointEntry e : s.endpoints()) add(out, e.ip(), e.label() + "." + svc);
    }
    Map<String, List<String>> sorted = new HashMap<>();
    out.forEach((ip, names) -> sorted.put(ip, names.stream().sorted().toList()));
    return Map.copyOf(sorted);
  }

  private static void add(Map<String, Set<String>> out, String ip, String name) {
    InetAddress a = ClusterAnswers.parse(ip);
    if (a != null) out.computeIfAbsent(a.getHostAddress(), k -> new TreeSet<>()).add(name);
  }

  static String key(String name, String ns) {
    return (name + "." + ns).toLowerCase(Locale.ROOT);
  }

  static Kind kind(Service s) {
    if ("ExternalName".equals(s.getSpec().getType())) return Kind.EXTERNAL_NAME;
    String ip = s.getSpec().getClusterIP();
    return ip == null || ip.isEmpty() || ip.equals("None") ? Kind.HEADLESS : Kind.CLUSTER_IP;
  }

  static List<String> clusterIps(Service s) {
    List<String> ips = s.getSpec().getClusterIPs();
    if (ips == null || ips.isEmpty()) ips = List.of(s.getSpec().getClusterIP());
    return ips.stream().filter(ip -> ip != null && !ip.isEmpty() && !ip.equals("None")).toList();
  }

  private static String protocol(String p) {
    return p == null ? "tcp" : p.toLowerCase(Locale.ROOT);
  }

  /** Ready addresses (serving counts as ready only through {@code ready}, as CoreDNS), one entry per address, first wins. */
  static List<EndpointEntry> endpoints(List<EndpointSlice> slices, boolean publishNotReady) {
    List<EndpointEntry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (EndpointSlice s : slices) {
      List<Port> ports = new ArrayList<>();
      if (s.getPorts() != null) {
        for (EndpointPort p : s.getPorts()) if (p.getPort() != null) ports.add(new Port(p.getName(), protocol(p.getProtocol()), p.getPort()));
      }
      if (s.getEndpoints() == null) continue;
      for (Endpoint e : s.getEndpoints()) {
        boolean ready = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
        if (!ready && !publishNotReady) continue;
        if (e.getAddresses() == null) continue;
        for (String ip : e.getAddresses()) {
          if (seen.add(ip)) out.add(new EndpointEntry(ip, e.getHostname(), List.copyOf(ports)));
        }
      }
    }
    return List.copyOf(out);
  }
}
