package io.j8s.controllers.scheduler;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulation's own model of nodes and pods, and an oracle written against that model (not
 * against the scheduler's code) that says whether a pod may go on a node given what is placed.
 */
final class SimWorld {
  static final String HOST = "kubernetes.io/hostname", ZONE = "topology.kubernetes.io/zone";

  record SimNode(String name, long cpu, long memMi, int maxPods, String zone, String taintEffect) {
    String label(String key) { return key.equals(HOST) ? name : zone; }

    Node toNode() {
      Map<String, Quantity> alloc = Map.of("cpu", new Quantity(cpu + "m"), "memory", new Quantity(memMi + "Mi"),
          "pods", new Quantity(String.valueOf(maxPods)), "ephemeral-storage", new Quantity("10Gi"));
      List<Taint> taints = taintEffect == null ? List.of() : List.of(new Taint(taintEffect, "dedicated", null, "x"));
      return new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.of(HOST, name, ZONE, zone)).endMetadata()
          .withNewSpec().withTaints(taints).endSpec()
          .withNewStatus().withAllocatable(alloc).withCapacity(alloc).addNewCondition().withType("Ready").withStatus("True").endCondition()
          .endStatus().build();
    }
  }

  /**
   * A pod: requests; optional zone nodeSelector or required zone affinity (In); toleration of the
   * dedicated taint; a host port; required anti-affinity against its own app over antiKey;
   * required affinity to app affinityApp over ZONE; a DoNotSchedule spread over its app on spreadKey.
   */
  record SimPod(String name, String app, long cpu, long memMi, String zoneSelector, Set<String> zonesIn, boolean tolerates,
      int hostPort, String antiKey, String affinityApp, String spreadKey, int maxSkew) {

    Pod toPod() {
      PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("sim").withUid("uid-" + name)
          .withLabels(Map.of("app", app)).endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("i").withNewResources()
          .withRequests(Map.of("cpu", new Quantity(cpu + "m"), "memory", new Quantity(memMi + "Mi"))).endResources().endContainer().endSpec();
      var spec = b.editSpec();
      if (zoneSelector != null) spec.withNodeSelector(Map.of(ZONE, zoneSelector));
      if (tolerates) spec.withTolerations(new Toleration(null, "dedicated", "Exists", null, null));
      if (hostPort > 0) {
        spec.editFirstContainer().withPorts(new ContainerPortBuilder().withContainerPort(80).withHostPort(hostPort).build()).endContainer();
      }
      var aff = spec.withNewAffinity();
      if (zonesIn != null) {
        aff.withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(
            new NodeSelectorTerm(List.of(new NodeSelectorRequirement(ZONE, "In", List.copyOf(zonesIn))), null))
            .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity();
      }
      if (antiKey != null) {
        aff.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
            .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build()).withTopologyKey(antiKey).build())
            .endPodAntiAffinity();
      }
      if (affinityApp != null) {
        aff.withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
            .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", affinityApp)).build()).withTopologyKey(ZONE).build())
            .endPodAffinity();
      }
      aff.endAffinity();
      if (spreadKey != null) {
        spec.withTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew).withTopologyKey(spreadKey)
            .withWhenUnsatisfiable("DoNotSchedule").withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build()).build());
      }
      return spec.endSpec().build();
    }

    boolean selects(SimNode n) {
      return (zoneSelector == null || zoneSelector.equals(n.zone())) && (zonesIn == null || zonesIn.contains(n.zone()));
    }
  }

  final Map<String, SimNode> nodes = new java.util.TreeMap<>();
  /** Placed pods (bound, or assumed with a binding in flight) by node. */
  final Map<String, List<SimPod>> placed = new HashMap<>();

  List<SimPod> on(String node) {
    return placed.getOrDefault(node, List.of());
  }

  /** Why {@code p} may not go on {@code n}, or null if it may. */
  String violation(SimPod p, SimNode n) {
    if (n.taintEffect() != null && !n.taintEffect().equals("PreferNoSchedule") && !p.tolerates()) return "taint";
    if (!p.selects(n)) return "node selection";
    List<SimPod> here = on(n.name());
    long cpu = p.cpu(), mem = p.memMi();
    for (SimPod q : here) {
      cpu += q.cpu();
      mem += q.memMi();
      if (p.hostPort() > 0 && q.hostPort() == p.hostPort()) return "host port";
    }
    if (cpu > n.cpu() || mem > n.memMi() || here.size() + 1 > n.maxPods()) return "capacity";
    for (SimNode m : nodes.values()) {
      for (SimPod q : on(m.name())) {
        if (p.antiKey() != null && q.app().equals(p.app()) && m.label(p.antiKey()).equals(n.label(p.antiKey()))) return "anti-affinity";
        if (q.antiKey() != null && q.app().equals(p.app()) && m.label(q.antiKey()).equals(n.label(q.antiKey()))) return "existing anti-affinity";
      }
    }
    if (p.affinityApp() != null) {
      boolean anywhere = false, inZone = false;
      for (SimNode m : nodes.values()) {
        for (SimPod q : on(m.name())) {
          if (!q.app().equals(p.affinityApp())) continue;
          anywhere = true;
          if (m.zone().equals(n.zone())) inZone = true;
        }
      }
      if (!inZone && (anywhere || !p.app().equals(p.affinityApp()))) return "affinity";
    }
    if (p.spreadKey() != null) {
      Map<String, Integer> count = new HashMap<>();
      for (SimNode m : nodes.values()) {
        if (!p.selects(m)) continue;
        int c = 0;
        for (SimPod q : on(m.name())) if (q.app().equals(p.app())) c++;
        count.merge(m.label(p.spreadKey()), c, Integer::sum);
      }
      int min = count.values().stream().min(Integer::compare).orElse(0);
      if (count.getOrDefault(n.label(p.spreadKey()), 0) + 1 - min > p.maxSkew()) return "spread";
    }
    return null;
  }

  boolean fitsSomewhere(SimPod p) {
    for (SimNode n : nodes.values()) if (violation(p, n) == null) return true;
    return false;
  }

  /** Every pair of placed pods respects required anti-affinity; every node holds what it can. */
  List<String> globalViolations() {
    List<String> out = new ArrayList<>();
    for (var e : placed.entrySet()) {
      SimNode n = nodes.get(e.getKey());
      if (n == null) continue;
      long cpu = 0, mem = 0;
      for (SimPod q : e.getValue()) {
        cpu += q.cpu();
        mem += q.memMi();
      }
      if (cpu > n.cpu() || mem > n.memMi() || e.getValue().size() > n.maxPods()) out.add("node " + n.name() + " over-committed");
      for (SimPod p : e.getValue()) {
        if (p.antiKey() == null) continue;
        for (var f : placed.entrySet()) {
          SimNode m = nodes.get(f.getKey());
          if (m == null || !m.label(p.antiKey()).equals(n.label(p.antiKey()))) continue;
          for (SimPod q : f.getValue()) if (q != p && q.app().equals(p.app())) out.add("anti-affinity of " + p.name() + " violated by " + q.name());
        }
      }
    }
    return out;
  }
}
