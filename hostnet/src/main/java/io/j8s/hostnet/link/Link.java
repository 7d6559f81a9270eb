package io.j8s.hostnet.link;

/**
 * A network device as read from the kernel.
 *
 * @param name the interface name
 * @param mtu its MTU
 * @param mac its hardware address (lower case), or null when it has none
 * @param up whether it is administratively up
 * @param vxlan the VXLAN parameters when it is a VXLAN device, else null
 */
public record Link(String name, int mtu, String mac, boolean up, Vxlan vxlan) {
  /**
   * A VXLAN device's parameters.
   *
   * @param vni the VXLAN network identifier
   * @param port the UDP destination port
   * @param local the local tunnel endpoint address
   * @param parent the underlying device, or null
   * @param learning whether the device learns FDB entries from traffic
   */
  public record Vxlan(int vni, int port, String local, String parent, boolean learning) {}
}
