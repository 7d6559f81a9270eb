package io.j8s.proxy.ipvs;

import static io.j8s.proxy.ipvs.KubeIpsets.CLUSTER_IP;
import static io.j8s.proxy.ipvs.KubeIpsets.EXTERNAL_IP;
import static io.j8s.proxy.ipvs.KubeIpsets.EXTERNAL_IP_LOCAL;
import static io.j8s.proxy.ipvs.KubeIpsets.HEALTH_CHECK_NODE_PORT;
import static io.j8s.proxy.ipvs.KubeIpsets.IPVS_IPS;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER_FW;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER_LOCAL;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER_SOURCE_CIDR;
import static io.j8s.proxy.ipvs.KubeIpsets.LOAD_BALANCER_SOURCE_IP;
import static io.j8s.proxy.ipvs.KubeIpsets.LOOP_BACK;

import io.j8s.api.net.Ipv4;
import io.j8s.hostnet.ipset.IpSet;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RealServer;
import io.j8s.hostnet.ipvs.VirtualServer;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.EndpointSelection;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a {@link ProxyState} into the ipvs mode's whole desired state, as upstream's ipvs
 * proxier: per service port a virtual server on the ClusterIP (real servers: the Cluster endpoints,
 * or the local ones for internal Local policy), on each externalIP and LoadBalancer ingress IP and,
 * for a NodePort, on each node address (real servers: the Cluster endpoints, or for external Local
 * policy the local ones, falling back to the Cluster ones when there are none, as upstream);
 * ClusterIPs, externalIPs and ingress IPs that are not node addresses are bound to kube-ipvs0; the
 * ip sets the iptables rules match ({@link IpvsIptables}) are filled alongside. Real servers have
 * weight 1; a port without usable endpoints keeps its virtual server with none (IPVS answers ICMP
 * port unreachable, so clients are refused at once). Pure.
 */
public final class IpvsRenderer {
  private IpvsRenderer() {}

  public static IpvsDesired render(ProxyState state, IpvsConfig cfg) {
    Map<KubeIpsets, TreeSet<String>> sets = new EnumMap<>(KubeIpsets.class);
    for (KubeIpsets s : KubeIpsets.values()) sets.put(s, new TreeSet<>());
    TreeMap<String, IpvsTable.Service> services = new TreeMap<>();
    TreeSet<String> bound = new TreeSet<>();
    List<String> lbNoNodeAccess = new ArrayList<>();
    for (ServicePort p : state.services().values()) {
      List<Endpoint> eps = state.endpointsOf(p.name());
      EndpointSelection sel = EndpointSelection.categorize(p, eps, cfg.nodeName());
      String proto = p.name().lowerProtocol();
      VirtualServer.Protocol vproto = VirtualServer.Protocol.of(p.protocol());
      int sticky = p.clientIPAffinity() ? Math.max(1, p.stickyMaxAgeSeconds()) : 0;
      List<RealServer> internal = reals(p.internalPolicyLocal() && !sel.local().isEmpty() ? sel.local() : sel.cluster());
      List<RealServer> external = reals(p.externalPolicyLocal() && !sel.local().isEmpty() ? sel.local() : sel.cluster());

      for (Endpoint e : eps) {
        if (e.isLocal(cfg.nodeName())) sets.get(LOOP_BACK).add(e.ip() + "," + proto + ":" + e.port() + "," + e.ip());
      }
      String cip = p.clusterIP() + "," + proto + ":" + p.port();
      sets.get(CLUSTER_IP).add(cip);
      put(services, new VirtualServer(vproto, p.clusterIP(), p.port(), cfg.scheduler(), sticky), internal);
      bind(bound, cfg, p.clusterIP());

      for (String ip : p.externalIPs()) {
        sets.get(p.externalPolicyLocal() ? EXTERNAL_IP_LOCAL : EXTERNAL_IP).add(ip + "," + proto + ":" + p.port());
        put(services, new VirtualServer(vproto, ip, p.port(), cfg.scheduler(), sticky), external);
        bind(bound, cfg, ip);
      }
      for (String ip : p.loadBalancerIPs()) {
        String entry = ip + "," + proto + ":" + p.port();
        sets.get(LOAD_BALANCER).add(entry);
        if (p.externalPolicyLocal()) sets.get(LOAD_BALANCER_LOCAL).add(entry);
        if (!p.loadBalancerSourceRanges().isEmpty()) {
          sets.get(LOAD_BALANCER_FW).add(entry);
          boolean allowFromNode = false;
          for (String cidr : p.loadBalancerSourceRanges()) {
            sets.get(LOAD_BALANCER_SOURCE_CIDR).add(entry + "," + Cidrs.canonical(cidr));
            for (String nodeIP : cfg.nodeIPs()) allowFromNode |= Ipv4.contains(cidr, nodeIP);
          }
          if (allowFromNode) sets.get(LOAD_BALANCER_SOURCE_IP).add(entry + "," + ip);
          else lbNoNodeAccess.add(ip + " " + proto + " " + p.port());
        }
        put(services, new VirtualServer(vproto, ip, p.port(), cfg.scheduler(), sticky), external);
        bind(bound, cfg, ip);
      }
      if (p.nodePort() > 0 && !cfg.nodeIPs().isEmpty()) {
        for (KubeIpsets s : nodePortSets(vproto, p.externalPolicyLocal())) {
          if (vproto == VirtualServer.Protocol.SCTP) {
            for (String nodeIP : cfg.nodeIPs()) sets.get(s).add(nodeIP + ",sctp:" + p.nodePort());
          } else {
            sets.get(s).add(Integer.toString(p.nodePort()));
          }
        }
        for (String nodeIP : cfg.nodeIPs()) {
          put(services, new VirtualServer(vproto, nodeIP, p.nodePort(), cfg.scheduler(), sticky), external);
        }
      }
      if (p.healthCheckNodePort() > 0) sets.get(HEALTH_CHECK_NODE_PORT).add(Integer.toString(p.healthCheckNodePort()));
    }
    sets.get(IPVS_IPS).addAll(bound);
    List<IpSet> ipsets = new ArrayList<>();
    for (KubeIpsets s : KubeIpsets.values()) ipsets.add(IpSet.of(s.setName(), s.type(), sets.get(s)));
    TreeSet<String> addresses = new TreeSet<>();
    for (String ip : bound) addresses.add(ip + "/32");
    String iptables = IpvsIptables.render(cfg, s -> !sets.get(s).isEmpty(), lbNoNodeAccess);
    return new IpvsDesired(new IpvsTable(services), addresses, ipsets, iptables);
  }

  static List<KubeIpsets> nodePortSets(VirtualServer.Protocol proto, boolean local) {
    KubeIpsets all = switch (proto) {
      case TCP -> KubeIpsets.NODE_PORT_TCP;
      case UDP -> KubeIpsets.NODE_PORT_UDP;
      case SCTP -> KubeIpsets.NODE_PORT_SCTP;
    };
    KubeIpsets loc = switch (proto) {
      case TCP -> KubeIpsets.NODE_PORT_LOCAL_TCP;
      case UDP -> KubeIpsets.NODE_PORT_LOCAL_UDP;
      case SCTP -> KubeIpsets.NODE_PORT_LOCAL_SCTP;
    };
    return local ? List.of(all, loc) : List.of(all);
  }

  /** An address already on another device of the node is not bound to kube-ipvs0 (upstream's rule). */
  private static void bind(TreeSet<String> bound, IpvsConfig cfg, String ip) {
    if (!cfg.nodeIPs().contains(ip)) bound.add(ip);
  }

  private static List<RealServer> reals(List<Endpoint> eps) {
    List<RealServer> out = new ArrayList<>(eps.size());
    for (Endpoint e : eps) out.add(new RealServer(e.ip(), e.port(), 1));
    return out;
  }

  /** Two service ports rendering the same virtual server (one externalIP shared): the first keeps it, as upstream's sync. */
  private static void put(TreeMap<String, IpvsTable.Service> services, VirtualServer vs, List<RealServer> reals) {
    services.putIfAbsent(vs.key(), IpvsTable.Service.of(vs, reals));
  }
}
