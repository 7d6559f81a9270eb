package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.j8s.kubelet.cri.v1.DNSConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A pod's resolv.conf as upstream's pkg/kubelet/network/dns computes it. */
public final class Dns {
  /** The node's resolv.conf, parsed. */
  public record HostResolv(List<String> servers, List<String> searches, List<String> options) {
    public static final HostResolv EMPTY = new HostResolv(List.of(), List.of(), List.of());

    public static HostResolv parse(String text) {
      List<String> servers = new ArrayList<>(), searches = new ArrayList<>(), options = new ArrayList<>();
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) continue;
        String[] f = l.split("\\s+");
        switch (f[0]) {
          case "nameserver" -> { if (f.length > 1) servers.add(f[1]); }
          case "search", "domain" -> { searches.clear(); for (int i = 1; i < f.length; i++) searches.add(f[i]); }
          case "options" -> { for (int i = 1; i < f.length; i++) options.add(f[i]); }
          default -> { }
        }
      }
      return new HostResolv(servers, searches, options);
    }
  }

  static final int MAX_NAMESERVERS = 3, MAX_SEARCHES = 32;

  private Dns() {}

  /** {@code clusterDnsIp} null or empty: no cluster DNS (ClusterFirst falls back to Default, as upstream). */
  public static DNSConfig config(Pod pod, String clusterDnsIp, String clusterDomain, HostResolv host) {
    String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
    boolean hostNet = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    boolean haveCluster = clusterDnsIp != null && !clusterDnsIp.isEmpty();
    String effective = switch (policy) {
      case "ClusterFirstWithHostNet" -> haveCluster ? "cluster" : "default";
      case "ClusterFirst" -> haveCluster && !hostNet ? "cluster" : "default";
      case "None" -> "none";
      default -> "default";
    };
    List<String> servers = new ArrayList<>(), searches = new ArrayList<>(), options = new ArrayList<>();
    switch (effective) {
      case "cluster" -> {
        servers.add(clusterDnsIp);
        String ns = pod.getMetadata().getNamespace();
        searches.addAll(List.of(ns + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain));
        searches.addAll(host.searches());
        options.add("ndots:5");
      }
      case "default" -> {
        servers.addAll(host.servers());
        searches.addAll(host.searches());
        options.addAll(host.options());
      }
      default -> { }
    }
    PodDNSConfig extra = pod.getSpec().getDnsConfig();
    if (extra != null) {
      if (extra.getNameservers() != null) servers.addAll(extra.getNameservers());
      if (extra.getSearches() != null) searches.addAll(extra.getSearches());
      options = mergeOptions(options, extra.getOptions());
    }
    List<String> s = dedup(servers);
    return DNSConfig.newBuilder()
        .addAllServers(s.subList(0, Math.min(MAX_NAMESERVERS, s.size())))
        .addAllSearches(dedup(searches).stream().limit(MAX_SEARCHES).toList())
        .addAllOptions(options)
        .build();
  }

  /** Options by name; a pod's dnsConfig option replaces the one of the same name. */
  static List<String> mergeOptions(List<String> base, List<PodDNSConfigOption> extra) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String o : base) {
      int c = o.indexOf(':');
      byName.put(c < 0 ? o : o.substring(0, c), o);
    }
    if (extra != null) {
      for (PodDNSConfigOption o : extra) {
        if (o.getName() == null) continue;
        byName.put(o.getName(), o.getValue() == null ? o.getName() : o.getName() + ":" + o.getValue());
      }
    }
    return new ArrayList<>(byName.values());
  }

  private static List<String> dedup(List<String> in) { return new ArrayList<>(new LinkedHashSet<>(in)); }
}
