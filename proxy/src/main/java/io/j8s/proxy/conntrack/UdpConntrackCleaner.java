package io.j8s.proxy.conntrack;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.conntrack.Conntrack;
import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.proxy.state.ProxyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link StaleUdpFlows} after a sync: a failed deletion is logged, never fails the sync
 * (upstream does the same; the flow times out eventually). Any mode may use it.
 */
public final class UdpConntrackCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(UdpConntrackCleaner.class);
  private final Conntrack conntrack;

  public UdpConntrackCleaner(Conntrack conntrack) {
    this.conntrack = conntrack;
  }

  public void cleanup(ProxyState before, ProxyState after, String nodeName) {
    if (before == after) return;
    for (FlowFilter f : StaleUdpFlows.compute(before, after, nodeName)) {
      try {
        conntrack.delete(f);
      } catch (HostnetException e) {
        LOG.warn("could not delete stale UDP flows {}: {}", f, e.getMessage());
      }
    }
  }
}
