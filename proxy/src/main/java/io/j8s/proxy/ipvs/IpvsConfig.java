package io.j8s.proxy.ipvs;

import java.time.Duration;
import java.util.List;

/**
 * The node facts and options the ipvs mode renders from: node name (which endpoints are local),
 * node addresses (NodePort virtual servers, as upstream's {@code --nodeport-addresses}), the
 * cluster (pod) CIDR (traffic to ClusterIPs from outside it is masqueraded; null: masquerade
 * traffic whose source is a service address, as upstream without a local detector), the IPVS
 * scheduler, the masquerade mark bit, masqueradeAll, and how long at most a removed TCP destination
 * stays quiesced (weight 0, open connections finish; it goes earlier once it has none).
 */
public record IpvsConfig(String nodeName, List<String> nodeIPs, String clusterCIDR, String scheduler, int masqueradeBit,
    boolean masqueradeAll, Duration gracePeriod) {
  public static final String DEFAULT_SCHEDULER = "rr";
  public static final String DUMMY_DEVICE = "kube-ipvs0";
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);

  public IpvsConfig {
    nodeIPs = List.copyOf(nodeIPs);
    if (scheduler == null || scheduler.isBlank()) scheduler = DEFAULT_SCHEDULER;
    if (!io.j8s.hostnet.ipvs.VirtualServer.SCHEDULERS.contains(scheduler)) {
      throw new IllegalArgumentException("--ipvs-scheduler " + scheduler + " is not an IPVS scheduler; use one of "
          + String.join(", ", new java.util.TreeSet<>(io.j8s.hostnet.ipvs.VirtualServer.SCHEDULERS)));
    }
    if (masqueradeBit < 0 || masqueradeBit > 31) throw new IllegalArgumentException("masquerade bit must be 0..31: " + masqueradeBit);
  }

  public static IpvsConfig of(String nodeName, List<String> nodeIPs, String clusterCIDR, String scheduler) {
    return new IpvsConfig(nodeName, nodeIPs, clusterCIDR, scheduler, 14, false, DEFAULT_GRACE);
  }

  public String mark() {
    return "0x" + Integer.toHexString(1 << masqueradeBit);
  }

  public String markMask() {
    return mark() + "/" + mark();
  }
}
