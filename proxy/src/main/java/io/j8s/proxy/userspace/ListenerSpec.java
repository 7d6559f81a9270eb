package io.j8s.proxy.userspace;

import io.j8s.proxy.state.Endpoint;
import java.util.List;

/**
 * What one listener does: its protocol ({@code TCP} or {@code UDP}), the portals redirected to it,
 * the endpoints it spreads connections over (already selected by traffic policy and readiness),
 * whether the service has usable endpoints anywhere ({@code anyEndpoints}: without any, its
 * portals are rejected; with some elsewhere but none here, dropped, as the iptables mode), and the
 * ClientIP affinity timeout in seconds (0: none).
 */
public record ListenerSpec(ListenerKey key, String protocol, List<Portal> portals, List<Endpoint> endpoints, boolean anyEndpoints,
    int affinitySeconds) {
  public ListenerSpec {
    portals = List.copyOf(portals);
    endpoints = List.copyOf(endpoints);
  }

  public boolean udp() {
    return protocol.equals("UDP");
  }
}
