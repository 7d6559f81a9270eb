package io.j8s.network.flannel;

import io.j8s.api.net.Ipv4;
import io.j8s.hostnet.link.FdbEntry;
import io.j8s.hostnet.link.Neighbour;
import io.j8s.hostnet.link.Route;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure: this node and every Node to the routes, neighbours and FDB entries that reach the other
 * nodes' pod subnets. A peer is left out (and named in {@link RoutePlan#skipped()}) when it is this
 * node, claims this node's or an already planned subnet (the first by name wins), has not
 * published this backend yet (flannel routes only to nodes of its own backend type), or, for
 * vxlan, has no VTEP MAC or shares one with an earlier peer.
 */
public final class RoutePlanner {
  /** The VXLAN device, as flannel names it for VNI 1. */
  public static final String VXLAN_DEVICE = "flannel.1";
  public static final int VXLAN_VNI = 1;
  /** The Linux kernel's VXLAN port, flannel's default. */
  public static final int VXLAN_PORT = 8472;
  static final Comparator<Route> ROUTE_ORDER = Comparator.comparing(Route::dst);

  private RoutePlanner() {}

  public static RoutePlan plan(LocalNode self, Collection<PeerNode> peers) {
    List<PeerNode> sorted = peers.stream().sorted(Comparator.comparing(PeerNode::name)).toList();
    List<Route> routes = new ArrayList<>();
    List<Neighbour> neighbours = new ArrayList<>();
    List<FdbEntry> fdb = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> subnets = new HashSet<>(Set.of(self.podCidr()));
    Set<String> macs = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (PeerNode p : sorted) {
      if (p.name().equals(self.name())) continue;
      if (!names.add(p.name())) {
        skipped.add(p.name() + ": listed twice");
        continue;
      }
      if (!self.backend().id().equals(p.backendType())) {
        skipped.add(p.name() + ": backend " + (p.backendType() == null ? "not published yet" : p.backendType() + ", not " + self.backend().id()));
        continue;
      }
      if (subnets.contains(p.podCidr())) {
        skipped.add(p.name() + ": podCIDR " + p.podCidr() + " already routed");
        continue;
      }
      if (self.backend() == Backend.HOST_GW) {
        subnets.add(p.podCidr());
        routes.add(Route.via(p.podCidr(), p.publicIp(), self.uplink()));
      } else {
        if (p.vtepMac() == null) {
          skipped.add(p.name() + ": no VTEP MAC published");
          continue;
        }
        if (!macs.add(p.vtepMac())) {
          skipped.add(p.name() + ": VTEP MAC " + p.vtepMac() + " already used by another node");
          continue;
        }
        subnets.add(p.podCidr());
        String gw = Ipv4.format(Ipv4.Cidr.parse(p.podCidr()).network());
        routes.add(Route.onlink(p.podCidr(), gw, VXLAN_DEVICE));
        neighbours.add(new Neighbour(VXLAN_DEVICE, gw, p.vtepMac()));
        fdb.add(new FdbEntry(VXLAN_DEVICE, p.vtepMac(), p.publicIp()));
      }
    }
    routes.sort(ROUTE_ORDER);
    neighbours.sort(Comparator.comparing(Neighbour::ip));
    fdb.sort(Comparator.comparing(FdbEntry::mac));
    return new RoutePlan(routes, neighbours, fdb, skipped);
  }

  /** The address the VXLAN device carries: the network address of the node's podCIDR, as a /32. */
  public static String vxlanAddress(String podCidr) {
    return Ipv4.format(Ipv4.Cidr.parse(podCidr).network()) + "/32";
  }
}
