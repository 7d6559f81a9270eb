package io.j8s.dist;

import io.j8s.network.policy.NetworkPolicyController;
import io.j8s.proxy.ConnectionPolicy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's network policy as the userspace proxy's relay asks it: made by the command when the
 * node runs both the userspace proxy and policy enforcement, handed to the proxy, and joined to the
 * {@link NetworkPolicyController} once the pod network starts it (before any pod has an address).
 * Until then it allows everything, as the kernel's table does before its first round.
 */
final class RelayPolicy implements ConnectionPolicy {
  private volatile NetworkPolicyController controller;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  void attach(NetworkPolicyController c) {
    controller = c;
    c.onVerdictsChanged(() -> listeners.forEach(Runnable::run));
  }

  @Override public boolean allows(String client, String server, String protocol, int port) {
    NetworkPolicyController c = controller;
    return c == null || c.allows(client, server, protocol, port);
  }

  @Override public void onChange(Runnable listener) {
    listeners.add(listener);
  }
}
