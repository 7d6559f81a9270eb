package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.network.policy.NetworkPolicyController;
import io.j8s.proxy.ConnectionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each proxy mode tells the node's policy engine, and what the engine's config becomes. */
class ProxyCouplingTest {
  static ProxyCoupling coupling(String mode, boolean networkPolicy) {
    ProxyOptions o = new ProxyOptions();
    o.mode = mode;
    return o.coupling(networkPolicy, "10.43.0.0/16");
  }

  @Test void userspaceRelayAsksTheEngine() {
    ProxyCoupling c = coupling("userspace", true);
    assertThat(c.relay()).isNotNull();
    assertThat(c.connectionPolicy()).isSameAs(c.relay());
    assertThat(c.connectionPolicy().enforced()).isTrue();
    assertThat(c.connectionPolicy().allows("10.42.0.5", "10.42.1.7", "tcp", 80)).as("open until the engine is attached").isTrue();
    NetworkPolicyController.Config cfg = c.apply(NetworkPolicyController.Config.of("n1"));
    assertThat(cfg.relay()).isTrue();
    assertThat(cfg.ipvsServices()).isEmpty();
  }

  @Test void ipvsHasTheEngineJudgeTheServiceRangeAfterIt() {
    ProxyCoupling c = coupling("ipvs", true);
    assertThat(c.relay()).isNull();
    assertThat(c.connectionPolicy()).isSameAs(ConnectionPolicy.OPEN);
    NetworkPolicyController.Config cfg = c.apply(NetworkPolicyController.Config.of("n1"));
    assertThat(cfg.relay()).isFalse();
    assertThat(cfg.ipvsServices()).containsExactly("10.43.0.0/16");
  }

  @Test void kernelModesAndNoEngineNeedNothing() {
    for (String mode : List.of("iptables", "nftables")) assertThat(coupling(mode, true)).isEqualTo(ProxyCoupling.NONE);
    for (String mode : List.of("userspace", "ipvs", "iptables")) assertThat(coupling(mode, false)).isEqualTo(ProxyCoupling.NONE);
    assertThat(ProxyCoupling.NONE.apply(NetworkPolicyController.Config.of("n1"))).isEqualTo(NetworkPolicyController.Config.of("n1"));
  }
}
