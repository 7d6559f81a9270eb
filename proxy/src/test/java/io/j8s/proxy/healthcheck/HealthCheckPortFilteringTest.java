package io.j8s.proxy.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.nftables.RecordingNftables;
import io.j8s.proxy.iptables.ChainNames;
import io.j8s.proxy.iptables.IptablesConfig;
import io.j8s.proxy.iptables.IptablesRenderer;
import io.j8s.proxy.nftables.NftablesConfig;
import io.j8s.proxy.nftables.NftablesProxier;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kernel modes let traffic reach the health-check NodePort: iptables accepts it in its filter
 * KUBE-NODEPORTS chain (reached from INPUT), nftables filters nothing on it (even with no endpoints,
 * when the Service's own ports are rejected).
 */
class HealthCheckPortFilteringTest {
  static final ServicePortName P = ServicePortName.of("ns", "web", "http", "TCP");
  static final ProxyState NO_ENDPOINTS = ProxyState.of(Map.of(P, HealthCheckPlanTest.lbLocal(P, "10.43.0.5", 80, 30080, 32123)),
      Map.of());

  @Test void iptablesAcceptsTheHealthCheckPort() {
    String payload = new IptablesRenderer(new ChainNames())
        .render(NO_ENDPOINTS, IptablesConfig.of("node-a", List.of("10.88.210.2"), "10.42.0.0/16"), null, Set.of()).payload();
    String filter = payload.substring(0, payload.indexOf("*nat"));
    assertThat(filter).contains("-A KUBE-NODEPORTS -m comment --comment \"ns/web:http health check node port\" -m tcp -p tcp "
        + "--dport 32123 -j ACCEPT");
    assertThat(filter.lines().filter(l -> l.contains("32123") && !l.endsWith("ACCEPT"))).isEmpty();
  }

  @Test void nftablesDoesNotFilterTheHealthCheckPort() throws Exception {
    NftablesProxier p = new NftablesProxier(new RecordingNftables(), NftablesConfig.of("node-a", List.of("10.88.210.2"), "10.42.0.0/16"));
    p.sync(NO_ENDPOINTS, Set.of(), true);
    assertThat(p.lastScript()).contains("30080").doesNotContain("32123");
  }

  @Test void servicePortsAreUnchangedByTheHealthCheckPort() {
    ServicePort p = NO_ENDPOINTS.services().get(P);
    assertThat(p.healthCheckNodePort()).isEqualTo(32123);
    assertThat(p.nodePort()).isEqualTo(30080);
  }
}
