package io.j8s.controllers.scheduler.framework;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods placed on it (bound or assumed), with the sums the filters and scorers
 * read kept up to date as pods come and go: requested resources (as filtered and as scored),
 * host ports in use, pods per controller, and the pods that carry affinity terms. A node not
 * (yet) known holds its pods with {@code node == null} and is never a candidate.
 */
public final class NodeInfo {
  private final String name;
  private Node node;
  private Map<String, String> labels = Map.of();
  private Resources allocatable = Resources.ZERO;
  private long allowedPods;
  private boolean ready;
  private boolean unschedulable;
  private List<Taint> taints = List.of();
  private final Map<String, PodInfo> pods = new LinkedHashMap<>();
  private Resources requested = Resources.ZERO;
  private Resources nonZeroRequested = Resources.ZERO;
  private final Map<HostPort, Integer> usedPorts = new HashMap<>();
  private final Map<String, Integer> podsPerOwner = new HashMap<>();
  private final Map<String, PodInfo> withAffinity = new LinkedHashMap<>();
  private final Map<String, PodInfo> withRequiredAnti = new LinkedHashMap<>();

  public NodeInfo(String name) {
    this.name = name;
  }

  public static NodeInfo of(Node node, PodInfo... pods) {
    NodeInfo n = new NodeInfo(node.getMetadata().getName());
    n.setNode(node);
    for (PodInfo p : pods) n.addPod(p);
    return n;
  }

  public void setNode(Node node) {
    this.node = node;
    if (node == null) return;
    labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    var status = node.getStatus();
    Map<String, Quantity> alloc = status == null ? null : status.getAllocatable();
    if (alloc == null || alloc.isEmpty()) alloc = status == null ? null : status.getCapacity();
    allocatable = Resources.of(alloc);
    allowedPods = alloc == null ? 0 : Resources.value(alloc.get("pods"));
    ready = Readiness.nodeReady(node);
    var spec = node.getSpec();
    unschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
    taints = spec == null || spec.getTaints() == null ? List.of() : spec.getTaints();
  }

  public void addPod(PodInfo p) {
    PodInfo old = pods.put(p.key(), p);
    if (old != null) account(old, -1);
    account(p, 1);
  }

  public PodInfo removePod(String key) {
    PodInfo old = pods.remove(key);
    if (old != null) account(old, -1);
    return old;
  }

  private void account(PodInfo p, int sign) {
    if (sign > 0) {
      requested = requested.plus(p.requests());
      nonZeroRequested = nonZeroRequested.plus(p.nonZeroRequests());
    } else {
      requested = requested.minus(p.requests());
      nonZeroRequested = nonZeroRequested.minus(p.nonZeroRequests());
    }
    for (HostPort hp : p.ports()) usedPorts.merge(hp, sign, (a, b) -> a + b == 0 ? null : a + b);
    if (p.ownerUid() != null) podsPerOwner.merge(p.namespace() + "/" + p.ownerUid(), sign, (a, b) -> a + b == 0 ? null : a + b);
    if (sign > 0) {
      if (p.hasPodAffinity() || p.hasRequiredAntiAffinity()) withAffinity.put(p.key(), p);
      if (p.hasRequiredAntiAffinity()) withRequiredAnti.put(p.key(), p);
    } else {
      withAffinity.remove(p.key());
      withRequiredAnti.remove(p.key());
    }
  }

  public String name() { return name; }

  public Node node() { return node; }

  public Map<String, String> labels() { return labels; }

  public Resources allocatable() { return allocatable; }

  public long allowedPods() { return allowedPods; }

  public boolean ready() { return ready; }

  public boolean unschedulable() { return unschedulable; }

  public List<Taint> taints() { return taints; }

  public Collection<PodInfo> pods() { return pods.values(); }

  public boolean hasPod(String key) { return pods.containsKey(key); }

  public int podCount() { return pods.size(); }

  public Resources requested() { return requested; }

  public Resources nonZeroRequested() { return nonZeroRequested; }

  public Collection<HostPort> usedPorts() { return usedPorts.keySet(); }

  /** Pods on this node controlled by the same owner as {@code p} (selector spread). */
  public int podsOfOwner(PodInfo p) {
    return p.ownerUid() == null ? 0 : podsPerOwner.getOrDefault(p.namespace() + "/" + p.ownerUid(), 0);
  }

  /** Pods with any pod affinity or anti-affinity term (scoring reads their terms). */
  public Collection<PodInfo> podsWithAffinity() { return withAffinity.values(); }

  /** Pods with required anti-affinity (filtering reads their terms). */
  public Collection<PodInfo> podsWithRequiredAntiAffinity() { return withRequiredAnti.values(); }

  @Override public String toString() {
    return "NodeInfo[" + name + ", pods=" + new ArrayList<>(pods.keySet()) + "]";
  }
}
