package io.j8s.controllers.runtime;

import io.j8s.controllers.certificates.SigningCa;
import java.time.Duration;

/**
 * Cluster settings the controllers read: the Pod IP range split into per-node ranges of
 * {@code nodeCidrMaskSize} bits, how long a node may go without a heartbeat before it is
 * marked Unknown, and the service load balancer's address pool (a CIDR, or null to publish
 * the nodes' addresses), and the CA that signs node client certificates.
 */
public record ControllerOptions(String clusterCidr, int nodeCidrMaskSize, Duration nodeMonitorGracePeriod, String serviceLbPool,
    SigningCa signingCa) {
  public static final ControllerOptions DEFAULTS = new ControllerOptions("10.42.0.0/16", 24, Duration.ofSeconds(50), null);

  public ControllerOptions(String clusterCidr, int nodeCidrMaskSize, Duration nodeMonitorGracePeriod, String serviceLbPool) {
    this(clusterCidr, nodeCidrMaskSize, nodeMonitorGracePeriod, serviceLbPool, null);
  }

  public ControllerOptions {
    if (serviceLbPool != null && !serviceLbPool.isBlank()) io.j8s.controllers.servicelb.AddressPool.parse(serviceLbPool);
  }

  public ControllerOptions withNodeMonitorGracePeriod(Duration d) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, d, serviceLbPool, signingCa);
  }

  public ControllerOptions withServiceLbPool(String pool) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, nodeMonitorGracePeriod, pool, signingCa);
  }

  /** The CA the CSR signer issues node client certificates with (null: no signing). */
  public ControllerOptions withSigningCa(SigningCa ca) {
    return new ControllerOptions(clusterCidr, nodeCidrMaskSize, nodeMonitorGracePeriod, serviceLbPool, ca);
  }
}
