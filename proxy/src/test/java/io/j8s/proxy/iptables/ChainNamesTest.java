package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ServicePortName;
import org.junit.jupiter.api.Test;

/** The names any kube-proxy node shows in iptables-save for the same Services. */
class ChainNamesTest {
  final ChainNames n = new ChainNames();

  @Test void wellKnownServiceChains() {
    assertThat(n.svc(ServicePortName.of("default", "kubernetes", "https", "TCP"))).isEqualTo("KUBE-SVC-NPX46M4PTMTKRN6Y");
    assertThat(n.svc(ServicePortName.of("kube-system", "kube-dns", "dns", "UDP"))).isEqualTo("KUBE-SVC-TCOU7JCQXEZGVUNU");
    assertThat(n.svc(ServicePortName.of("kube-system", "kube-dns", "dns-tcp", "TCP"))).isEqualTo("KUBE-SVC-ERIFXISQEP7F7OF4");
  }

  @Test void upstreamTestFixtureNames() {
    ServicePortName p = ServicePortName.of("ns1", "svc1", "p80", "TCP");
    assertThat(n.svc(p)).isEqualTo("KUBE-SVC-XPGD46QRK7WJZT7O");
    assertThat(n.sep(p, Endpoint.ready("10.180.0.1", 80, ""))).isEqualTo("KUBE-SEP-SXIVWICOYRO3J4NJ");
  }

  @Test void prefixesShareTheHashAndProtocolMatters() {
    ServicePortName tcp = ServicePortName.of("ns", "s", "p", "TCP");
    String h = n.svc(tcp).substring("KUBE-SVC-".length());
    assertThat(h).hasSize(16).matches("[A-Z2-7]{16}");
    assertThat(n.svl(tcp)).isEqualTo("KUBE-SVL-" + h);
    assertThat(n.ext(tcp)).isEqualTo("KUBE-EXT-" + h);
    assertThat(n.fw(tcp)).isEqualTo("KUBE-FW-" + h);
    assertThat(n.svc(ServicePortName.of("ns", "s", "p", "UDP"))).isNotEqualTo(n.svc(tcp));
    assertThat(n.sep(tcp, Endpoint.ready("10.0.0.1", 80, ""))).isNotEqualTo(n.sep(tcp, Endpoint.ready("10.0.0.1", 81, "")));
    assertThat(ChainNames.isServiceChain("KUBE-SEP-X")).isTrue();
    assertThat(ChainNames.isServiceChain("KUBE-SERVICES")).isFalse();
  }
}
