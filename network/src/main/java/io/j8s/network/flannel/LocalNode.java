package io.j8s.network.flannel;

import io.j8s.api.net.Ipv4;

/**
 * This node as the planner sees it.
 *
 * @param name the Node's name (never routed to)
 * @param podCidr its own podCIDR (a peer claiming the same subnet is skipped)
 * @param backend how remote subnets are reached
 * @param uplink the device carrying the node IP, the host-gw next hops' device
 */
public record LocalNode(String name, String podCidr, Backend backend, String uplink) {
  public LocalNode {
    podCidr = Ipv4.Cidr.parse(podCidr).toString();
  }
}
