package io.j8s.controllers.scheduler.framework;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import io.j8s.controllers.placement.NodeSelection;
import io.j8s.controllers.placement.TaintMatch;

/**
 * The filters that look at one node and the incoming pod only, in upstream's order; each returns
 * the reasons the node does not fit (upstream's wording, which the FailedScheduling message counts),
 * or an empty list.
 */
public final class NodeFilters {
  public static final String NOT_READY = "node(s) were not ready";
  public static final String UNSCHEDULABLE = "node(s) were unschedulable";
  public static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  public static final String PORTS = "node(s) didn't have free ports for the requested pod ports";
  public static final String TOO_MANY_PODS = "Too many pods";

  private NodeFilters() {}

  public static List<String> ready(PodInfo p, NodeInfo n) {
    return n.ready() ? List.of() : List.of(NOT_READY);
  }

  /** spec.unschedulable, unless the pod tolerates upstream's node.kubernetes.io/unschedulable:NoSchedule taint. */
  public static List<String> unschedulable(PodInfo p, NodeInfo n) {
    if (!n.unschedulable()) return List.of();
    Taint t = new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null);
    if (TaintMatch.toleratedBy(p.tolerations(), t)) return List.of();
    return List.of(UNSCHEDULABLE);
  }

  public static List<String> taints(PodInfo p, NodeInfo n) {
    for (Taint t : n.taints()) {
      if (!"NoSchedule".equals(t.getEffect()) && !"NoExecute".equals(t.getEffect())) continue;
      if (!tolerated(p.tolerations(), t)) {
        return List.of("node(s) had untolerated taint {" + t.getKey() + ": " + (t.getValue() == null ? "" : t.getValue()) + "}");
      }
    }
    return List.of();
  }

  public static List<String> nodeAffinity(PodInfo p, NodeInfo n) {
    return matchesNodeSelection(p, n) ? List.of() : List.of(AFFINITY);
  }

  public static List<String> ports(PodInfo p, NodeInfo n) {
    if (p.ports().isEmpty()) return List.of();
    for (HostPort want : p.ports()) {
      for (HostPort used : n.usedPorts()) if (want.conflicts(used)) return List.of(PORTS);
    }
    return List.of();
  }

  /** Requests against allocatable minus what the node's pods request; every short resource is a reason. */
  public static List<String> resources(PodInfo p, NodeInfo n) {
    List<String> out = null;
    if (n.podCount() + 1 > n.allowedPods()) out = add(out, TOO_MANY_PODS);
    Resources want = p.requests(), alloc = n.allocatable(), used = n.requested();
    if (want.milliCpu() > 0 && want.milliCpu() > alloc.milliCpu() - used.milliCpu()) out = add(out, "Insufficient cpu");
    if (want.memory() > 0 && want.memory() > alloc.memory() - used.memory()) out = add(out, "Insufficient memory");
    if (want.ephemeralStorage() > 0 && want.ephemeralStorage() > alloc.ephemeralStorage() - used.ephemeralStorage()) {
      out = add(out, "Insufficient ephemeral-storage");
    }
    return out == null ? List.of() : out;
  }

  private static List<String> add(List<String> l, String s) {
    if (l == null) l = new ArrayList<>(2);
    l.add(s);
    return l;
  }

  /** nodeSelector AND required node affinity (its terms ORed, each term's requirements ANDed). */
  public static boolean matchesNodeSelection(PodInfo p, NodeInfo n) {
    return NodeSelection.matches(p.nodeSelector(), p.requiredNodeTerms(), n.labels(), n.name());
  }

  public static boolean tolerated(List<Toleration> tolerations, Taint t) {
    return TaintMatch.toleratedBy(tolerations, t);
  }
}
