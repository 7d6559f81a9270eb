package io.j8s.proxy.nftables;

import java.util.List;

/**
 * The node facts the nftables rules depend on: the node's name (which endpoints are local), its
 * addresses (where NodePorts answer; upstream's nftables mode does not answer NodePorts on
 * 127.0.0.1), the cluster (pod) CIDR as local-traffic detector (traffic to a ClusterIP from
 * outside it is masqueraded; null disables), the masquerade mark bit (upstream's default 14),
 * {@code masqueradeAll}, and how a service spreads new connections over its endpoints: random
 * ({@code numgen random}, upstream) or round-robin ({@code numgen inc}).
 */
public record NftablesConfig(String nodeName, List<String> nodeIPs, String clusterCIDR, int masqueradeBit, boolean masqueradeAll,
    boolean roundRobin) {
  public NftablesConfig {
    nodeIPs = List.copyOf(nodeIPs);
    if (masqueradeBit < 0 || masqueradeBit > 31) throw new IllegalArgumentException("masquerade bit must be 0..31: " + masqueradeBit);
  }

  public static NftablesConfig of(String nodeName, List<String> nodeIPs, String clusterCIDR) {
    return new NftablesConfig(nodeName, nodeIPs, clusterCIDR, 14, false, false);
  }

  public NftablesConfig withRoundRobin(boolean rr) {
    return new NftablesConfig(nodeName, nodeIPs, clusterCIDR, masqueradeBit, masqueradeAll, rr);
  }

  /** The mark, e.g. {@code 0x4000}. */
  public String mark() {
    return "0x" + Integer.toHexString(1 << masqueradeBit);
  }
}
