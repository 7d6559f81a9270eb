package io.j8s.controllers.runtime;

import java.time.Duration;

/**
 * Cluster settings the controllers read: the Pod IP range split into per-node ranges of
 * {@code nodeCidrMaskSize} bits, how long a node may go without a heartbeat before it is
 * marked Unknown, and the service load balancer's address pool (a CIDR, or null to publish
 * the nodes' addresses).
 */
public record ControllerOptions(String clusterCidr, int nodeCidrMaskSize, Duration nodeMonitorGracePeriod, String serviceLbPool) {
  public static final ControllerOptions DEFAULTS = new ControllerOptions("10.42.0.0/16", 24, Duration.ofSeconds(50), null);

  public ControllerOptions {
    if (serviceLbPool != null && !serviceLbPool.isBlank()) io.j8s.controllers.servicelb.AddressPool.parse(serviceLbPool);
  }

  public ControllerOptions withNodeMonitorGracePeriod(Duration d) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, d, serviceLbPool);
  }

  public ControllerOptions withServiceLbPool(String pool) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, nodeMonitorGracePeriod, pool);
  }
}
