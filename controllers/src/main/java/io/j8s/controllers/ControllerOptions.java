package io.j8s.controllers;

/**
 * Settings of the controllers that come from the command line.
 *
 * @param serviceLbPool the service load balancer's address pool as a CIDR, or null to publish node addresses
 */
public record ControllerOptions(String serviceLbPool) {
  public static final ControllerOptions DEFAULTS = new ControllerOptions(null);

  public ControllerOptions {
    if (serviceLbPool != null && !serviceLbPool.isBlank()) io.j8s.controllers.servicelb.AddressPool.parse(serviceLbPool);
  }
}
