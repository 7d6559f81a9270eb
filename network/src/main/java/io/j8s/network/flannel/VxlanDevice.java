package io.j8s.network.flannel;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.link.Link;
import io.j8s.hostnet.link.Links;
import io.j8s.hostnet.link.VxlanSpec;
import java.util.Optional;

/**
 * Puts the node's {@code flannel.1} in place: made again when its VNI, port, local address,
 * uplink or MTU differ (e.g. the node IP changed), holding exactly the address
 * {@code <podCIDR network>/32}. Returns the device, whose MAC is the node's VTEP MAC.
 */
public final class VxlanDevice {
  private VxlanDevice() {}

  public static Link ensure(Links links, String nodeIp, Link uplink, String podCidr) throws HostnetException {
    VxlanSpec spec = new VxlanSpec(RoutePlanner.VXLAN_DEVICE, RoutePlanner.VXLAN_VNI, RoutePlanner.VXLAN_PORT, nodeIp, uplink.name(),
        Backend.VXLAN.podMtu(uplink.mtu()));
    Optional<Link> existing = links.link(spec.name());
    if (existing.isPresent() && !spec.matches(existing.get())) {
      links.deleteLink(spec.name());
      existing = Optional.empty();
    }
    if (existing.isEmpty()) links.addVxlan(spec);
    String address = RoutePlanner.vxlanAddress(podCidr);
    for (String a : links.addresses(spec.name())) {
      if (!a.equals(address)) links.deleteAddress(spec.name(), a);
    }
    links.addAddress(spec.name(), address);
    return links.link(spec.name()).orElseThrow(() -> new HostnetException(spec.name() + " vanished after it was made"));
  }
}
