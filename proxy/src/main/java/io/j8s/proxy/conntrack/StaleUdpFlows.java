package io.j8s.proxy.conntrack;

import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which UDP flows a state change leaves stale, as upstream's conntrack cleanup: for an endpoint no
 * longer used by a UDP service port, the flows from each of the port's addresses (ClusterIP,
 * externalIPs, LoadBalancer IPs) and its NodePort to that endpoint; for a UDP service port that
 * had no usable endpoint and now has one, every flow to its addresses and NodePort (they were
 * rejected and may be cached). Pure.
 */
public final class StaleUdpFlows {
  private StaleUdpFlows() {}

  public static List<FlowFilter> compute(ProxyState before, ProxyState after, String nodeName) {
    Set<FlowFilter> out = new LinkedHashSet<>();
    for (Map.Entry<ServicePortName, ServicePort> e : before.services().entrySet()) {
      ServicePort old = e.getValue();
      if (!"UDP".equals(old.protocol())) continue;
      Set<String> was = addresses(EndpointSelection.categorize(old, before.endpointsOf(e.getKey()), nodeName).reachable());
      ServicePort now = after.services().get(e.getKey());
      Set<String> is = now == null ? Set.of()
          : addresses(EndpointSelection.categorize(now, after.endpointsOf(e.getKey()), nodeName).reachable());
      for (String ep : was) {
        if (is.contains(ep)) continue;
        String ip = ep.substring(0, ep.lastIndexOf(':'));
        for (String addr : serviceIPs(old)) out.add(new FlowFilter("udp", addr, old.port(), ip));
        if (old.nodePort() > 0) out.add(new FlowFilter("udp", null, old.nodePort(), ip));
      }
    }
    for (Map.Entry<ServicePortName, ServicePort> e : after.services().entrySet()) {
      ServicePort now = e.getValue();
      if (!"UDP".equals(now.protocol())) continue;
      boolean has = EndpointSelection.categorize(now, after.endpointsOf(e.getKey()), nodeName).hasAny();
      ServicePort old = before.services().get(e.getKey());
      boolean had = old != null && EndpointSelection.categorize(old, before.endpointsOf(e.getKey()), nodeName).hasAny();
      if (has && !had) {
        for (String addr : serviceIPs(now)) out.add(new FlowFilter("udp", addr, now.port(), null));
        if (now.nodePort() > 0) out.add(new FlowFilter("udp", null, now.nodePort(), null));
      }
    }
    return List.copyOf(out);
  }

  private static Set<String> addresses(List<Endpoint> eps) {
    Set<String> s = new LinkedHashSet<>();
    eps.forEach(e -> s.add(e.address()));
    return s;
  }

  private static List<String> serviceIPs(ServicePort p) {
    List<String> ips = new ArrayList<>(p.clusterIPs());
    ips.addAll(p.externalIPs());
    ips.addAll(p.loadBalancerIPs());
    return ips;
  }
}
