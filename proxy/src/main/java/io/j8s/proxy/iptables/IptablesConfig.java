package io.j8s.proxy.iptables;

import java.util.List;

/**
 * The node facts the iptables rules depend on: the node's name (which endpoints are local), its
 * addresses, the cluster (pod) CIDR used as upstream's {@code --cluster-cidr} local-traffic
 * detector (traffic to a ClusterIP from outside it is masqueraded; null disables), the
 * masquerade mark bit (upstream's default 14, mark {@code 0x4000}), {@code masqueradeAll}, and
 * whether NodePorts answer on 127.0.0.1 (needs {@code route_localnet}; upstream's default).
 */
public record IptablesConfig(String nodeName, List<String> nodeIPs, String clusterCIDR, int masqueradeBit, boolean masqueradeAll,
    boolean localhostNodePorts) {
  public IptablesConfig {
    nodeIPs = List.copyOf(nodeIPs);
    if (masqueradeBit < 0 || masqueradeBit > 31) throw new IllegalArgumentException("masquerade bit must be 0..31: " + masqueradeBit);
  }

  public static IptablesConfig of(String nodeName, List<String> nodeIPs, String clusterCIDR) {
    return new IptablesConfig(nodeName, nodeIPs, clusterCIDR, 14, false, true);
  }

  /** The mark, e.g. {@code 0x4000}. */
  public String mark() {
    return "0x" + Integer.toHexString(1 << masqueradeBit);
  }

  /** The mark with its mask, e.g. {@code 0x4000/0x4000}. */
  public String markMask() {
    return mark() + "/" + mark();
  }
}
