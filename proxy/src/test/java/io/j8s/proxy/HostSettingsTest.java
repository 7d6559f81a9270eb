package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.sysctl.RecordingSysctl;
import org.junit.jupiter.api.Test;

class HostSettingsTest {
  @Test void iptablesSetsLocalnetRoutingAndBridgeNetfilterOnce() {
    RecordingSysctl s = new RecordingSysctl().with("net.ipv4.conf.all.route_localnet", "0").with("net.bridge.bridge-nf-call-iptables", "0");
    assertThat(HostSettings.apply(s, ProxyMode.IPTABLES)).isEmpty();
    assertThat(s.writes()).containsExactly("net.ipv4.conf.all.route_localnet=1", "net.bridge.bridge-nf-call-iptables=1");
    assertThat(HostSettings.apply(s, ProxyMode.IPTABLES)).isEmpty();
    assertThat(s.writes()).hasSize(2); // already set: nothing written again
  }

  @Test void nftablesNeedsNoLocalnetRouting() {
    RecordingSysctl s = new RecordingSysctl().with("net.ipv4.conf.all.route_localnet", "0").with("net.bridge.bridge-nf-call-iptables", "0");
    HostSettings.apply(s, ProxyMode.NFTABLES);
    assertThat(s.writes()).containsExactly("net.bridge.bridge-nf-call-iptables=1");
  }

  @Test void withoutBrNetfilterTheWarningSaysWhatBreaksAndTheFix() {
    RecordingSysctl s = new RecordingSysctl().with("net.ipv4.conf.all.route_localnet", "0");
    assertThat(HostSettings.apply(s, ProxyMode.IPTABLES)).singleElement().asString()
        .contains("net.bridge.bridge-nf-call-iptables=1").contains("modprobe br_netfilter");
    assertThat(s.writes()).containsExactly("net.ipv4.conf.all.route_localnet=1");
  }
}
