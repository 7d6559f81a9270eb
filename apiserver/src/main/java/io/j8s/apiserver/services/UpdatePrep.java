package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Service update before defaulting, as upstream's patchAllocatedValues and
 * dropTypeDependentFields: values the server allocated and the client left out (a re-applied
 * manifest without clusterIP or nodePort) are copied from the stored object; values that no
 * longer apply after a type change, and that the client did not touch, are dropped so that
 * they can be released (and so that validation accepts the new type); a value the client did
 * change stays, and validation refuses it (422) as upstream does.
 */
final class UpdatePrep {
  private UpdatePrep() {}

  static void apply(ObjectNode next, ObjectNode old) {
    if (!(next.get("spec") instanceof ObjectNode spec)) return;
    ServiceFields n = ServiceFields.of(next);
    ServiceFields o = ServiceFields.of(old);
    JsonNode oldSpec = old.path("spec");
    if (o.needsClusterIp() && n.needsClusterIp()) {
      if (n.clusterIp().isEmpty() && oldSpec.has("clusterIP")) spec.set("clusterIP", oldSpec.get("clusterIP"));
      if (n.clusterIps().isEmpty() && !o.clusterIps().isEmpty()) spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
    }
    if (o.needsNodePorts() && n.needsNodePorts()) patchNodePorts(spec, o, n);
    if (o.needsHealthCheck() && n.needsHealthCheck() && n.healthCheckNodePort() == 0 && o.healthCheckNodePort() != 0) {
      spec.put("healthCheckNodePort", o.healthCheckNodePort());
    }
    if (o.needsClusterIp() && !n.needsClusterIp()) {
      if (o.clusterIps().equals(n.clusterIps())) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      if (oldSpec.path("ipFamilies").equals(spec.path("ipFamilies"))) spec.remove("ipFamilies");
      if (oldSpec.path("ipFamilyPolicy").equals(spec.path("ipFamilyPolicy"))) spec.remove("ipFamilyPolicy");
    }
    if (o.needsNodePorts() && !n.needsNodePorts() && nodePorts(o).containsAll(nodePorts(n))) { // no net-new NodePort
      for (JsonNode p : spec.path("ports")) if (p instanceof ObjectNode po) po.remove("nodePort");
    }
    if (o.needsHealthCheck() && !n.needsHealthCheck() && o.healthCheckNodePort() == n.healthCheckNodePort()) {
      spec.remove("healthCheckNodePort");
    }
    if (o.externallyAccessible() && !n.externallyAccessible() && same(oldSpec, spec, "externalTrafficPolicy")) {
      spec.remove("externalTrafficPolicy");
    }
    boolean leavesLoadBalancer = o.type().equals("LoadBalancer") && !n.type().equals("LoadBalancer");
    if (leavesLoadBalancer && same(oldSpec, spec, "allocateLoadBalancerNodePorts")) spec.remove("allocateLoadBalancerNodePorts");
    if (leavesLoadBalancer && same(oldSpec, spec, "loadBalancerClass")) spec.remove("loadBalancerClass");
    // the load balancer's status goes with the type (upstream clears it on every update of a non-LoadBalancer; a
    // status write cannot change the type, so clearing on the transition is the same for main-resource writes)
    if (leavesLoadBalancer && next.get("status") instanceof ObjectNode status && status.has("loadBalancer")) status.putObject("loadBalancer");
  }

  private static boolean same(JsonNode oldSpec, JsonNode spec, String field) {
    return oldSpec.path(field).equals(spec.path(field));
  }

  /** Ports without a nodePort get the old port's of the same name, unless another port uses it. */
  private static void patchNodePorts(ObjectNode spec, ServiceFields o, ServiceFields n) {
    Set<Integer> used = nodePorts(o);
    used.retainAll(nodePorts(n));
    Map<String, Integer> byName = new HashMap<>();
    for (ServiceFields.Port p : o.ports()) byName.put(p.name(), p.nodePort());
    int i = 0;
    for (JsonNode p : spec.path("ports")) {
      ServiceFields.Port np = n.ports().get(i++);
      Integer oldValue = byName.get(np.name());
      if (np.nodePort() == 0 && oldValue != null && oldValue != 0 && !used.contains(oldValue) && p instanceof ObjectNode po) {
        po.put("nodePort", oldValue);
      }
    }
  }

  private static Set<Integer> nodePorts(ServiceFields s) {
    Set<Integer> out = new HashSet<>();
    for (ServiceFields.Port p : s.ports()) if (p.nodePort() != 0) out.add(p.nodePort());
    return out;
  }
}
