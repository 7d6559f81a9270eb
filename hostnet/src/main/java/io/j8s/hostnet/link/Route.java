package io.j8s.hostnet.link;

/**
 * A unicast route in the main table.
 *
 * @param dst the destination CIDR
 * @param via the gateway, or null for a directly connected destination
 * @param dev the output device
 * @param onlink whether the gateway is taken as on the link even without a matching prefix (VXLAN routes)
 * @param protocol the route's protocol number: who owns it
 */
public record Route(String dst, String via, String dev, boolean onlink, int protocol) {
  /** The protocol number j8s's own routes carry (unassigned in /etc/iproute2/rt_protos). */
  public static final int J8S_PROTOCOL = 98;

  public Route {
    if (dst == null || !dst.contains("/")) throw new IllegalArgumentException("route destination must be a CIDR: " + dst);
    if (dev == null || dev.isEmpty()) throw new IllegalArgumentException("route needs a device: " + dst);
    if (protocol < 0 || protocol > 255) throw new IllegalArgumentException("route protocol must be 0-255: " + protocol);
  }

  public static Route via(String dst, String gateway, String dev) { return new Route(dst, gateway, dev, false, J8S_PROTOCOL); }

  public static Route onlink(String dst, String gateway, String dev) { return new Route(dst, gateway, dev, true, J8S_PROTOCOL); }

  @Override public String toString() {
    return dst + (via != null ? " via " + via : "") + " dev " + dev + (onlink ? " onlink" : "") + " proto " + protocol;
  }
}
