package io.j8s.apiserver.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Service create or update needs from the allocators, decided without touching the
 * datastore: the clusterIP, each {@code spec.ports[i].nodePort} and the health-check NodePort
 * are each kept, explicitly requested, dynamically allocated or not wanted; values the old
 * object held and the new one does not are released once the write is stored. Out-of-range
 * requests are refused here; whether a requested value is free is the applier's question.
 */
record AddressPlan(Want ip, List<Want> ports, Want healthCheck, Set<String> releaseIps, Set<Integer> releasePorts,
    List<Problem> problems) {

  static AddressPlan of(ServiceFields next, ServiceFields old, ServiceIpRange ips, NodePortRange nodePorts) {
    List<Problem> problems = new ArrayList<>();
    String oldIp = old == null ? null : old.heldIp();
    Want ip = ip(next, oldIp, ips, problems);
    Set<String> releaseIps = new LinkedHashSet<>();
    if (oldIp != null && !(ip instanceof Want.Keep)) releaseIps.add(oldIp);

    Set<Integer> oldPorts = old == null ? Set.of() : old.heldPorts();
    Set<Integer> kept = new LinkedHashSet<>();
    List<Want> ports = new ArrayList<>();
    Map<Integer, Integer> firstByPort = new HashMap<>();
    Map<Integer, Integer> firstByNodePort = new HashMap<>();
    for (int i = 0; i < next.ports().size(); i++) {
      ServiceFields.Port p = next.ports().get(i);
      String field = "spec.ports[" + i + "].nodePort";
      Want w;
      if (!next.needsNodePorts()) {
        w = Want.NONE;
      } else if (p.nodePort() != 0) {
        Integer earlier = firstByNodePort.putIfAbsent(p.nodePort(), i);
        if (earlier != null) {
          if (next.ports().get(earlier).protocol().equals(p.protocol())) {
            problems.add(new Problem("FieldValueDuplicate", field, "Duplicate value: " + p.nodePort()));
          }
          w = new Want.SameAs(earlier);
        } else if (oldPorts.contains(p.nodePort())) {
          w = new Want.Keep(Integer.toString(p.nodePort()));
          kept.add(p.nodePort());
        } else if (nodePorts.offsetOf(p.nodePort()).isEmpty()) {
          problems.add(Problem.portNotInRange(field, p.nodePort(), nodePorts));
          w = Want.NONE;
        } else {
          w = new Want.Explicit(Integer.toString(p.nodePort()));
        }
      } else if (!next.allocatesNodePorts()) {
        w = Want.NONE;
      } else {
        Integer earlier = firstByPort.get(p.port());
        w = earlier != null && !(ports.get(earlier) instanceof Want.None) ? new Want.SameAs(earlier) : Want.DYNAMIC;
      }
      firstByPort.putIfAbsent(p.port(), i);
      ports.add(w);
    }

    Want hc = Want.NONE;
    int h = next.healthCheckNodePort();
    if (!next.needsHealthCheck()) {
      if (h != 0) {
        problems.add(Problem.invalid("spec.healthCheckNodePort", Integer.toString(h),
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      }
    } else if (h == 0) {
      hc = Want.DYNAMIC;
    } else if (oldPorts.contains(h)) {
      hc = new Want.Keep(Integer.toString(h));
      kept.add(h);
    } else if (nodePorts.offsetOf(h).isEmpty()) {
      problems.add(Problem.portNotInRange("spec.healthCheckNodePort", h, nodePorts));
    } else {
      hc = new Want.Explicit(Integer.toString(h));
    }
    Set<Integer> releasePorts = new LinkedHashSet<>(oldPorts);
    releasePorts.removeAll(kept);
    return new AddressPlan(ip, List.copyOf(ports), hc, releaseIps, releasePorts, List.copyOf(problems));
  }

  private static Want ip(ServiceFields next, String oldIp, ServiceIpRange range, List<Problem> problems) {
    if (!next.needsClusterIp() || next.headless()) return Want.NONE;
    if (!next.clusterIp().isEmpty() && !next.clusterIps().isEmpty() && !next.clusterIp().equals(next.clusterIps().get(0))) {
      problems.add(Problem.invalid("spec.clusterIPs[0]", "\"" + next.clusterIps().get(0) + "\"", "must match `clusterIP` if specified"));
      return Want.NONE;
    }
    String ip = next.primaryIp();
    if (ip.isEmpty()) return Want.DYNAMIC;
    if (ip.equals(oldIp)) return new Want.Keep(ip);
    if (range.offsetOf(ip).isEmpty()) {
      problems.add(Problem.ipNotInRange(next.clusterIps().isEmpty() ? List.of(ip) : next.clusterIps(), ip, range));
      return Want.NONE;
    }
    return new Want.Explicit(ip);
  }

  /** Nothing to claim and nothing to release: the hook can stand aside. */
  boolean idle() {
    return problems.isEmpty() && releaseIps.isEmpty() && releasePorts.isEmpty() && !claims(ip) && !claims(healthCheck)
        && ports.stream().noneMatch(AddressPlan::claims);
  }

  private static boolean claims(Want w) { return w instanceof Want.Explicit || w instanceof Want.Dynamic; }
}
