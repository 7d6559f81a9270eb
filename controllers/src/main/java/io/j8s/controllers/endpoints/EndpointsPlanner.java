package io.j8s.controllers.endpoints;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure: the legacy core/v1 Endpoints of a Service. Ready pods (or all, with
 * publishNotReadyAddresses) are addresses, the others notReadyAddresses; terminating pods are
 * left out unless publishNotReadyAddresses; addresses with the same resolved ports share a
 * subset (upstream's repacking), sorted. Over 1000 addresses the subsets are truncated, ready
 * addresses first and each subset in proportion, and the object is annotated as upstream.
 */
public final class EndpointsPlanner {
  public static final int MAX_ADDRESSES = 1000;
  public static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

  private EndpointsPlanner() {}

  /** An address as a value, sortable. */
  record Addr(String ip, String hostname, String nodeName, String podNamespace, String podName, String podUid) {
    static final Comparator<Addr> ORDER = Comparator.comparing(Addr::ip).thenComparing(a -> Objects.toString(a.podName(), ""));

    static Addr of(EndpointAddress a) {
      var t = a.getTargetRef();
      return new Addr(a.getIp(), a.getHostname(), a.getNodeName(), t == null ? null : t.getNamespace(), t == null ? null : t.getName(),
          t == null ? null : t.getUid());
    }

    EndpointAddress toAddress() {
      var b = new EndpointAddressBuilder().withIp(ip).withHostname(hostname).withNodeName(nodeName);
      if (podName != null) b.withNewTargetRef().withKind("Pod").withNamespace(podNamespace).withName(podName).withUid(podUid).endTargetRef();
      return b.build();
    }
  }

  /** A subset as a value. */
  record Subset(List<Addr> ready, List<Addr> notReady, List<PortSpec> ports) {
    static Subset of(EndpointSubset s) {
      return new Subset(s.getAddresses() == null ? List.of() : s.getAddresses().stream().map(Addr::of).toList(),
          s.getNotReadyAddresses() == null ? List.of() : s.getNotReadyAddresses().stream().map(Addr::of).toList(),
          s.getPorts() == null ? List.of() : s.getPorts().stream().map(PortSpec::of).toList());
    }

    EndpointSubset toSubset() {
      return new EndpointSubsetBuilder().withAddresses(ready.stream().map(Addr::toAddress).toList())
          .withNotReadyAddresses(notReady.stream().map(Addr::toAddress).toList())
          .withPorts(ports.stream().map(PortSpec::toEndpointPort).toList()).build();
    }
  }

  /** The desired subsets, repacked and sorted, before truncation. */
  static List<Subset> subsets(Service svc, List<Pod> pods) {
    boolean tolerateUnready = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
    // per (address, readiness): the ports it serves; then addresses grouped by equal port sets
    Map<Addr, TreeSet<PortSpec>> readyPorts = new LinkedHashMap<>();
    Map<Addr, TreeSet<PortSpec>> notReadyPorts = new LinkedHashMap<>();
    for (Pod p : pods) {
      if (!PodEndpoints.selects(svc, p) || !PodEndpoints.candidate(p)) continue;
      if (!tolerateUnready && PodEndpoints.terminating(p)) continue;
      Optional<List<PortSpec>> ports = PodEndpoints.ports(svc, p);
      if (ports.isEmpty()) continue;
      var a = new Addr(PodEndpoints.ipv4(p).orElseThrow(), PodEndpoints.hostname(p, svc).orElse(null),
          p.getSpec() == null || Objects.toString(p.getSpec().getNodeName(), "").isEmpty() ? null : p.getSpec().getNodeName(),
          p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getMetadata().getUid());
      boolean ready = tolerateUnready || Readiness.podReady(p);
      (ready ? readyPorts : notReadyPorts).computeIfAbsent(a, k -> new TreeSet<>(PortSpec.ORDER)).addAll(ports.get());
    }
    Map<List<PortSpec>, List<List<Addr>>> byPorts = new TreeMap<>(Comparator.comparing(EndpointsPlanner::portsText));
    readyPorts.forEach((a, ps) -> byPorts.computeIfAbsent(List.copyOf(ps), k -> newPair()).get(0).add(a));
    notReadyPorts.forEach((a, ps) -> byPorts.computeIfAbsent(List.copyOf(ps), k -> newPair()).get(1).add(a));
    List<Subset> out = new ArrayList<>();
    byPorts.forEach((ports, pair) -> out.add(new Subset(pair.get(0).stream().sorted(Addr.ORDER).toList(),
        pair.get(1).stream().sorted(Addr.ORDER).toList(), ports)));
    return out;
  }

  private static List<List<Addr>> newPair() {
    return List.of(new ArrayList<>(), new ArrayList<>());
  }

  private static String portsText(List<PortSpec> ports) {
    return ports.toString();
  }

  /** Truncates to {@link #MAX_ADDRESSES}: ready first, each subset keeping its share (rounded up); false if nothing was cut. */
  static List<Subset> truncate(List<Subset> subsets) {
    int ready = subsets.stream().mapToInt(s -> s.ready().size()).sum();
    int notReady = subsets.stream().mapToInt(s -> s.notReady().size()).sum();
    if (ready + notReady <= MAX_ADDRESSES) return subsets;
    boolean cutReady = ready > MAX_ADDRESSES;
    int max = cutReady ? MAX_ADDRESSES : MAX_ADDRESSES - ready;
    int total = cutReady ? ready : notReady;
    int room = max;
    List<Subset> out = new ArrayList<>();
    for (Subset s : subsets) {
      int in = cutReady ? s.ready().size() : s.notReady().size();
      int take = Math.min(room, (int) Math.ceil((double) in / total * max));
      if (cutReady) {
        List<Addr> keep = s.ready().subList(0, Math.min(take, in));
        out.add(new Subset(keep, List.of(), s.ports()));
        room -= keep.size();
      } else {
        List<Addr> keep = s.notReady().subList(0, Math.min(take, in));
        out.add(new Subset(s.ready(), keep, s.ports()));
        room -= keep.size();
      }
    }
    return out.stream().filter(s -> !s.ready().isEmpty() || !s.notReady().isEmpty()).toList();
  }

  /** The Endpoints object the service should have; {@code current} (may be null) lends its annotations. */
  public static Endpoints desired(Service svc, List<Pod> pods, Endpoints current) {
    List<Subset> all = subsets(svc, pods);
    List<Subset> kept = truncate(all);
    Map<String, String> annotations = new TreeMap<>();
    if (current != null && current.getMetadata().getAnnotations() != null) annotations.putAll(current.getMetadata().getAnnotations());
    if (kept != all) annotations.put(OVER_CAPACITY, "truncated");
    else annotations.remove(OVER_CAPACITY);
    Map<String, String> labels = new TreeMap<>();
    if (svc.getMetadata().getLabels() != null) labels.putAll(svc.getMetadata().getLabels());
    labels.remove(PodEndpoints.LABEL_HEADLESS);
    labels.put(PodEndpoints.LABEL_SKIP_MIRROR, "true");
    if (PodEndpoints.headless(svc)) labels.put(PodEndpoints.LABEL_HEADLESS, "");
    return new EndpointsBuilder()
        .withNewMetadata().withName(svc.getMetadata().getName()).withNamespace(svc.getMetadata().getNamespace())
        .withLabels(labels).withAnnotations(annotations).endMetadata()
        .withSubsets(kept.stream().map(Subset::toSubset).toList())
        .build();
  }

  /** Whether {@code current} differs from {@code desired} in what this controller owns: subsets, labels, annotations. */
  public static boolean differs(Endpoints current, Endpoints desired) {
    return !subsetsOf(current).equals(subsetsOf(desired))
        || !mapOf(current.getMetadata().getLabels()).equals(mapOf(desired.getMetadata().getLabels()))
        || !mapOf(current.getMetadata().getAnnotations()).equals(mapOf(desired.getMetadata().getAnnotations()));
  }

  static List<Subset> subsetsOf(Endpoints e) {
    return e.getSubsets() == null ? List.of() : e.getSubsets().stream().map(Subset::of).toList();
  }

  private static Map<String, String> mapOf(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
