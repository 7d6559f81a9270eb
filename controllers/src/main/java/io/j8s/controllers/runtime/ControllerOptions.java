package io.j8s.controllers.runtime;

import java.time.Duration;

/**
 * Cluster settings the controllers read: the Pod IP range split into per-node ranges of
 * {@code nodeCidrMaskSize} bits, and how long a node may go without a heartbeat before it is
 * marked Unknown.
 */
public record ControllerOptions(String clusterCidr, int nodeCidrMaskSize, Duration nodeMonitorGracePeriod) {
  public static final ControllerOptions DEFAULTS = new ControllerOptions("10.42.0.0/16", 24, Duration.ofSeconds(50));

  public ControllerOptions withNodeMonitorGracePeriod(Duration d) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, d);
  }
}
