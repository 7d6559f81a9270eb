package io.j8s.proxy;

import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import java.util.Map;
import java.util.Set;

/**
 * One proxy mode (iptables, nftables, ipvs, userspace): makes the host match a {@link ProxyState}.
 * Called by {@link ServiceProxy} from a single thread, never concurrently.
 */
public interface ProxyBackend {
  /** The mode's name, as {@code --proxy-mode} spells it. */
  String mode();

  /**
   * Makes the host match {@code state}. A partial sync ({@code full == false}) may rewrite only the
   * rules of the {@code changed} Services (plus any top-level structure); a full one rewrites
   * everything and removes leftovers. Throwing makes the next sync a full one.
   *
   * @return rule counts by table (or any mode-specific unit), for metrics
   */
  Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws Exception;

  /** Mode-specific series appended to {@code /metrics} (Prometheus text; empty for none). */
  default String metricsText() {
    return "";
  }

  /** Removes everything the mode installed (for {@code --disable kube-proxy} cleanup and tests). */
  default void cleanup() throws Exception {}
}
