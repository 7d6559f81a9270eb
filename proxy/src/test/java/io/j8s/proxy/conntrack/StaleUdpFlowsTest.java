package io.j8s.proxy.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.conntrack.FlowFilter;
import io.j8s.hostnet.conntrack.RecordingConntrack;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleUdpFlowsTest {
  static final ServicePortName DNS = ServicePortName.of("kube-system", "dns", "dns", "UDP");
  static final ServicePort UDP = ServicePort.clusterIP(DNS, "10.43.0.10", 53).withNodePort(30053)
      .withExternal(List.of("192.168.9.9"), List.of(), List.of());
  static final Endpoint A = Endpoint.ready("10.42.0.5", 53, "n");
  static final Endpoint B = Endpoint.ready("10.42.0.6", 53, "n");

  static ProxyState s(ServicePort p, Endpoint... eps) {
    return ProxyState.of(Map.of(p.name(), p), Map.of(p.name(), List.of(eps)));
  }

  @Test void removedEndpointFlowsAreDeletedFromEveryServiceAddress() {
    assertThat(StaleUdpFlows.compute(s(UDP, A, B), s(UDP, B), "n")).containsExactly(
        new FlowFilter("udp", "10.43.0.10", 53, "10.42.0.5"),
        new FlowFilter("udp", "192.168.9.9", 53, "10.42.0.5"),
        new FlowFilter("udp", null, 30053, "10.42.0.5"));
  }

  @Test void aServiceGainingItsFirstEndpointForgetsRejectedFlows() {
    assertThat(StaleUdpFlows.compute(s(UDP), s(UDP, A), "n")).containsExactly(
        new FlowFilter("udp", "10.43.0.10", 53, null),
        new FlowFilter("udp", "192.168.9.9", 53, null),
        new FlowFilter("udp", null, 30053, null));
  }

  @Test void deletedServiceAndNotReadyEndpointCountAsGone() {
    Endpoint notReady = new Endpoint("10.42.0.5", 53, false, false, false, "n", "");
    assertThat(StaleUdpFlows.compute(s(UDP, A, B), s(UDP, notReady, B), "n")).hasSize(3);
    assertThat(StaleUdpFlows.compute(s(UDP, A), ProxyState.EMPTY, "n")).hasSize(3);
  }

  @Test void tcpAndUnchangedAreLeftAlone() {
    ServicePort tcp = ServicePort.clusterIP(ServicePortName.of("ns", "web", "http", "TCP"), "10.43.0.11", 80);
    assertThat(StaleUdpFlows.compute(s(tcp, A, B), s(tcp, B), "n")).isEmpty();
    assertThat(StaleUdpFlows.compute(s(UDP, A), s(UDP, A), "n")).isEmpty();
  }

  @Test void cleanerDeletesThroughConntrack() {
    RecordingConntrack ct = new RecordingConntrack();
    new UdpConntrackCleaner(ct).cleanup(s(UDP, A, B), s(UDP, B), "n");
    assertThat(ct.deleted()).hasSize(3);
    assertThat(ct.deleted().get(0).args()).containsExactly("-D", "-p", "udp", "--orig-dst", "10.43.0.10", "--orig-port-dst", "53",
        "--reply-src", "10.42.0.5");
  }
}
