package io.j8s.controllers.endpoints;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pure: the EndpointSlice writes that bring a Service's slices to its pods, with upstream's
 * reconciler strategy for little churn. Endpoints are grouped by their resolved ports (pods
 * whose named port resolves to other numbers land in other slices). Per group: each existing
 * slice keeps the desired endpoints it holds (changed ones updated in place), a slice that
 * lost or changed an endpoint is updated (or deleted when emptied); new endpoints first fill
 * slices already being updated (fullest first), then the unchanged slice with the closest fit,
 * then new slices. A slice whose ports no longer occur, or not owned by this Service, is
 * deleted; a create paired with a delete becomes one update; a Service without endpoints keeps
 * one empty placeholder slice, as upstream.
 */
public final class SlicePlanner {
  /** Upstream's default --max-endpoints-per-slice. */
  public static final int MAX_ENDPOINTS = 100;
  private static final int MAX_GENERATE_NAME = 58;

  private SlicePlanner() {}

  /** A slice being planned: the existing object it came from (null for a new one) and its endpoints. */
  private static final class Working {
    final EndpointSlice base;
    final List<PortSpec> ports;
    final List<SliceEndpoint> endpoints;

    Working(EndpointSlice base, List<PortSpec> ports, List<SliceEndpoint> endpoints) {
      this.base = base;
      this.ports = ports;
      this.endpoints = new ArrayList<>(endpoints);
    }
  }

  /** Desired endpoints by port key (sorted ports), in pod-name order; and pods skipped for an unknown node. */
  record Desired(Map<List<PortSpec>, List<PortSpec>> portsByKey, Map<List<PortSpec>, LinkedHashMap<SliceEndpoint.Id, SliceEndpoint>> groups,
                 List<String> skipped) {}

  /** @param existing the slices labelled with this service's name and managed by this controller */
  public static SlicePlan plan(Service svc, List<Pod> pods, Map<String, Node> nodes, List<EndpointSlice> existing) {
    Desired desired = desired(svc, pods, nodes);
    Map<String, String> labels = labels(svc);
    List<EndpointSlice> deletes = new ArrayList<>();
    List<Working> updates = new ArrayList<>();
    List<Working> creates = new ArrayList<>();
    Map<List<PortSpec>, List<EndpointSlice>> byKey = new LinkedHashMap<>();
    List<EndpointSlice> sorted = existing.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
    for (EndpointSlice s : sorted) {
      List<PortSpec> key = portKey(s);
      if (!ownedBy(s, svc) || !"IPv4".equals(s.getAddressType()) || !desired.groups().containsKey(key)) deletes.add(s);
      else byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    desired.groups().forEach((key, group) -> reconcileGroup(desired.portsByKey().get(key), new LinkedHashMap<>(group),
        byKey.getOrDefault(key, List.of()), labels, updates, creates, deletes));

    if (sorted.size() == deletes.size() && creates.isEmpty()) {
      Optional<EndpointSlice> placeholder = deletes.stream().filter(s -> ownedBy(s, svc) && isPlaceholder(s)).findFirst();
      if (placeholder.isPresent()) {
        deletes.remove(placeholder.get());
        if (!labels.equals(placeholder.get().getMetadata().getLabels())) updates.add(new Working(placeholder.get(), List.of(), List.of()));
      } else {
        creates.add(new Working(null, List.of(), List.of()));
      }
    }
    // recycle: a slice to delete becomes the slice to create
    List<EndpointSlice> recyclable = new ArrayList<>(deletes.stream().filter(s -> ownedBy(s, svc) && "IPv4".equals(s.getAddressType())).toList());
    List<EndpointSlice> out = new ArrayList<>();
    for (Iterator<Working> it = creates.iterator(); it.hasNext() && !recyclable.isEmpty(); ) {
      Working c = it.next();
      EndpointSlice old = recyclable.removeFirst();
      deletes.remove(old);
      it.remove();
      out.add(build(svc, labels, new Working(old, c.ports, c.endpoints), true));
    }
    List<EndpointSlice> updated = new ArrayList<>(updates.stream().map(w -> build(svc, labels, w, false)).toList());
    updated.addAll(out);
    return new SlicePlan(creates.stream().map(w -> build(svc, labels, w, false)).toList(), updated, List.copyOf(deletes), desired.skipped());
  }

  private static void reconcileGroup(List<PortSpec> ports, LinkedHashMap<SliceEndpoint.Id, SliceEndpoint> want, List<EndpointSlice> slices,
                                     Map<String, String> labels, List<Working> updates, List<Working> creates, List<EndpointSlice> deletes) {
    List<Working> toUpdate = new ArrayList<>();
    List<Working> unchanged = new ArrayList<>();
    for (EndpointSlice s : slices) {
      List<SliceEndpoint> keep = new ArrayList<>();
      boolean changed = false;
      int had = s.getEndpoints() == null ? 0 : s.getEndpoints().size();
      if (s.getEndpoints() != null) {
        for (var e : s.getEndpoints()) {
          SliceEndpoint cur = SliceEndpoint.of(e);
          SliceEndpoint got = want.remove(cur.id());
          if (got == null) continue;
          keep.add(got);
          changed |= !got.equals(cur);
        }
      }
      List<PortSpec> own = s.getPorts() == null ? List.of() : s.getPorts().stream().map(PortSpec::of).toList();
      if (changed || keep.size() != had) {
        if (keep.isEmpty()) deletes.add(s);
        else toUpdate.add(new Working(s, own, keep));
      } else if (!labels.equals(s.getMetadata().getLabels())) {
        toUpdate.add(new Working(s, own, keep));
      } else {
        unchanged.add(new Working(s, own, keep));
      }
    }
    if (!want.isEmpty() && !toUpdate.isEmpty()) {
      List<Working> fullestFirst = toUpdate.stream().sorted(Comparator.comparingInt((Working w) -> w.endpoints.size()).reversed()).toList();
      for (Working w : fullestFirst) fill(w, want);
    }
    while (!want.isEmpty()) {
      Working target = want.size() < MAX_ENDPOINTS ? closestFit(unchanged, want.size()) : null;
      if (target == null) {
        target = new Working(null, ports, List.of());
        creates.add(target);
      } else {
        unchanged.remove(target);
        toUpdate.add(target);
      }
      fill(target, want);
    }
    updates.addAll(toUpdate);
  }

  private static void fill(Working w, LinkedHashMap<SliceEndpoint.Id, SliceEndpoint> want) {
    for (Iterator<SliceEndpoint> it = want.values().iterator(); it.hasNext() && w.endpoints.size() < MAX_ENDPOINTS; ) {
      w.endpoints.add(it.next());
      it.remove();
    }
  }

  /** The unchanged slice that the remaining endpoints fill most completely, if any has room for all of them. */
  private static Working closestFit(List<Working> unchanged, int n) {
    Working best = null;
    int bestGap = MAX_ENDPOINTS;
    for (Working w : unchanged) {
      int gap = MAX_ENDPOINTS - (n + w.endpoints.size());
      if (gap >= 0 && gap < bestGap) {
        bestGap = gap;
        best = w;
        if (gap == 0) break;
      }
    }
    return best;
  }

  static Desired desired(Service svc, List<Pod> pods, Map<String, Node> nodes) {
    boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
    Map<List<PortSpec>, List<PortSpec>> portsByKey = new LinkedHashMap<>();
    Map<List<PortSpec>, LinkedHashMap<SliceEndpoint.Id, SliceEndpoint>> groups = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    List<Pod> byName = pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    for (Pod p : byName) {
      if (!PodEndpoints.selects(svc, p) || !PodEndpoints.candidate(p)) continue;
      Optional<List<PortSpec>> ports = PodEndpoints.ports(svc, p);
      if (ports.isEmpty()) continue;
      String nodeName = p.getSpec() == null ? null : p.getSpec().getNodeName();
      if (nodeName != null && nodeName.isEmpty()) nodeName = null;
      Node node = nodeName == null ? null : nodes.get(nodeName);
      if (nodeName != null && node == null && !publishNotReady) {
        skipped.add(p.getMetadata().getName());
        continue;
      }
      String zone = node == null || node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(PodEndpoints.LABEL_ZONE);
      boolean serving = Readiness.podReady(p);
      boolean terminating = PodEndpoints.terminating(p);
      var id = new SliceEndpoint.Id(List.of(PodEndpoints.ipv4(p).orElseThrow()), PodEndpoints.hostname(p, svc).orElse(null),
          p.getMetadata().getNamespace(), p.getMetadata().getName());
      var ep = new SliceEndpoint(id, nodeName, zone, publishNotReady || (serving && !terminating), serving, terminating, p.getMetadata().getUid());
      List<PortSpec> key = PortSpec.key(ports.get());
      portsByKey.putIfAbsent(key, ports.get());
      groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(id, ep);
    }
    return new Desired(portsByKey, groups, skipped);
  }

  /** The service's labels, except the reserved ones, plus the service name, the manager and the headless mark. */
  public static Map<String, String> labels(Service svc) {
    Map<String, String> l = new TreeMap<>();
    if (svc.getMetadata().getLabels() != null) l.putAll(svc.getMetadata().getLabels());
    l.remove(PodEndpoints.LABEL_HEADLESS);
    l.put(PodEndpoints.LABEL_SERVICE_NAME, svc.getMetadata().getName());
    l.put(PodEndpoints.LABEL_MANAGED_BY, PodEndpoints.MANAGED_BY);
    if (PodEndpoints.headless(svc)) l.put(PodEndpoints.LABEL_HEADLESS, "");
    return l;
  }

  static List<PortSpec> portKey(EndpointSlice s) {
    return PortSpec.key(s.getPorts() == null ? List.of() : s.getPorts().stream().map(PortSpec::of).toList());
  }

  static boolean ownedBy(EndpointSlice s, Service svc) {
    var refs = s.getMetadata().getOwnerReferences();
    return refs != null && refs.stream().anyMatch(r -> r.getUid() != null && r.getUid().equals(svc.getMetadata().getUid()));
  }

  private static boolean isPlaceholder(EndpointSlice s) {
    return "IPv4".equals(s.getAddressType()) && (s.getEndpoints() == null || s.getEndpoints().isEmpty())
        && (s.getPorts() == null || s.getPorts().isEmpty());
  }

  static OwnerReference owner(Service svc) {
    return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service").withName(svc.getMetadata().getName())
        .withUid(svc.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build();
  }

  private static EndpointSlice build(Service svc, Map<String, String> labels, Working w, boolean recycled) {
    var endpoints = w.endpoints.stream().map(SliceEndpoint::toEndpoint).toList();
    var ports = w.ports.stream().map(PortSpec::toSlicePort).toList();
    if (w.base == null) {
      String prefix = svc.getMetadata().getName() + "-";
      if (prefix.length() > MAX_GENERATE_NAME) prefix = prefix.substring(0, MAX_GENERATE_NAME);
      return new EndpointSliceBuilder()
          .withNewMetadata().withGenerateName(prefix).withNamespace(svc.getMetadata().getNamespace())
          .withLabels(new LinkedHashMap<>(labels)).withOwnerReferences(owner(svc)).endMetadata()
          .withAddressType("IPv4").withPorts(ports).withEndpoints(endpoints).build();
    }
    var b = new EndpointSliceBuilder(w.base).editMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata().withEndpoints(endpoints);
    if (recycled) b.withPorts(ports).editMetadata().withOwnerReferences(owner(svc)).endMetadata();
    return b.build();
  }
}
