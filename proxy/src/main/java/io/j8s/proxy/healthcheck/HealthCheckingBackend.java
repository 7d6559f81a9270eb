package io.j8s.proxy.healthcheck;

import io.j8s.proxy.ProxyBackend;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServiceRef;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any mode's backend plus the health-check NodePorts: after each sync (successful or not, the
 * listeners follow the state the sync was given) the {@link HealthCheckServer} is brought to the
 * state's {@link HealthCheckPlan}. Ports that cannot be opened are logged, not fatal, as upstream.
 */
public final class HealthCheckingBackend implements ProxyBackend {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckingBackend.class);
  private final ProxyBackend backend;
  private final HealthCheckServer server;
  private final String nodeName;
  private HealthCheckPlan last;

  public HealthCheckingBackend(ProxyBackend backend, HealthCheckServer server, String nodeName) {
    this.backend = backend;
    this.server = server;
    this.nodeName = nodeName;
  }

  @Override public String mode() {
    return backend.mode();
  }

  public ProxyBackend backend() {
    return backend;
  }

  @Override public Map<String, Long> sync(ProxyState state, Set<ServiceRef> changed, boolean full) throws Exception {
    try {
      return backend.sync(state, changed, full);
    } finally {
      HealthCheckPlan plan = HealthCheckPlan.of(state, nodeName);
      if (!plan.equals(last) || !server.openPorts().equals(plan.ports().keySet())) {
        for (String error : server.apply(plan)) LOG.warn(error);
        last = plan;
      }
    }
  }

  @Override public void cleanup() throws Exception {
    backend.cleanup();
  }
}
