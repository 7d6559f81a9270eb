package io.j8s.dist;

import io.j8s.network.policy.NetworkPolicyController;
import io.j8s.proxy.ConnectionPolicy;
import java.util.List;

/**
 * What the node's policy engine and its kube-proxy must know of each other, by proxy mode: in
 * userspace mode the relay asks the engine ({@code relay}); in ipvs mode the engine judges the
 * Service ranges' traffic after IPVS ({@code ipvsServices}); nothing in the other modes, or when
 * either runs alone.
 */
record ProxyCoupling(RelayPolicy relay, List<String> ipvsServices) {
  static final ProxyCoupling NONE = new ProxyCoupling(null, List.of());

  ProxyCoupling {
    ipvsServices = List.copyOf(ipvsServices);
  }

  /** The engine's config for this coupling. */
  NetworkPolicyController.Config apply(NetworkPolicyController.Config c) {
    return c.withRelay(relay != null).withIpvsServices(ipvsServices);
  }

  /** Joins the relay (if any) to the started engine. */
  void attach(NetworkPolicyController controller) {
    if (relay != null) relay.attach(controller);
  }

  /** What the proxy's relay asks. */
  ConnectionPolicy connectionPolicy() {
    return relay == null ? ConnectionPolicy.OPEN : relay;
  }
}
