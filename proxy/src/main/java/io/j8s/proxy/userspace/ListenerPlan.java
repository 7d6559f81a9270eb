package io.j8s.proxy.userspace;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.userspace.ListenerKey.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The listeners a {@link ProxyState} needs on this node, as a value: one per TCP or UDP service
 * port (SCTP has no userspace proxy and is skipped), plus a separate external one when the
 * external and internal traffic policies pick different endpoints. Endpoints come from the shared
 * {@link EndpointSelection} (ready ones; serving terminating ones only when none is ready).
 */
public record ListenerPlan(SortedMap<ListenerKey, ListenerSpec> listeners) {
  public ListenerPlan {
    listeners = Collections.unmodifiableSortedMap(new TreeMap<>(listeners));
  }

  public static ListenerPlan of(ProxyState state, String nodeName) {
    TreeMap<ListenerKey, ListenerSpec> out = new TreeMap<>();
    for (ServicePort sp : state.services().values()) {
      String proto = sp.protocol();
      if (!proto.equals("TCP") && !proto.equals("UDP")) continue;
      ServicePortName name = sp.name();
      EndpointSelection sel = EndpointSelection.categorize(sp, state.endpointsOf(name), nodeName);
      int affinity = sp.clientIPAffinity() ? sp.stickyMaxAgeSeconds() : 0;
      List<Endpoint> internal = sp.internalPolicyLocal() ? sel.local() : sel.cluster();
      List<Endpoint> external = sp.externalPolicyLocal() ? sel.local() : sel.cluster();
      List<Portal> internalPortals = new ArrayList<>();
      LinkedHashSet<String> cips = new LinkedHashSet<>();
      if (sp.clusterIP() != null && !sp.clusterIP().isEmpty()) cips.add(sp.clusterIP());
      cips.addAll(sp.clusterIPs());
      cips.forEach(ip -> internalPortals.add(new Portal(Portal.Kind.CLUSTER_IP, ip, sp.port())));
      List<Portal> externalPortals = new ArrayList<>();
      sp.externalIPs().forEach(ip -> externalPortals.add(new Portal(Portal.Kind.EXTERNAL_IP, ip, sp.port())));
      sp.loadBalancerIPs().forEach(ip -> externalPortals.add(new Portal(Portal.Kind.LOAD_BALANCER, ip, sp.port())));
      if (sp.nodePort() > 0) externalPortals.add(Portal.nodePort(sp.nodePort()));
      boolean split = !externalPortals.isEmpty() && sp.externalPolicyLocal() != sp.internalPolicyLocal();
      if (split) {
        ListenerKey ik = new ListenerKey(name, Scope.INTERNAL);
        ListenerKey ek = new ListenerKey(name, Scope.EXTERNAL);
        out.put(ik, new ListenerSpec(ik, proto, internalPortals, internal, sel.hasAny(), affinity));
        out.put(ek, new ListenerSpec(ek, proto, externalPortals, external, sel.hasAny(), affinity));
      } else {
        ListenerKey ik = new ListenerKey(name, Scope.INTERNAL);
        List<Portal> all = new ArrayList<>(internalPortals);
        all.addAll(externalPortals);
        out.put(ik, new ListenerSpec(ik, proto, all, internal, sel.hasAny(), affinity));
      }
    }
    return new ListenerPlan(out);
  }
}
