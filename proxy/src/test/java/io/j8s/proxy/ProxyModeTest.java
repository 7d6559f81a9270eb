package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProxyModeTest {
  @Test void iptablesRuns() {
    assertThatCode(() -> ProxyMode.parse("iptables").check(Path.of("/nonexistent"))).doesNotThrowAnyException();
  }

  @Test void ipvsWithoutKernelSupportNamesTheAlternatives() {
    assertThatThrownBy(() -> ProxyMode.parse("ipvs").check(Path.of("/nonexistent/ip_vs")))
        .hasMessageContaining("needs the kernel's IPVS").hasMessageContaining("/nonexistent/ip_vs").hasMessageContaining("iptables");
  }

  @Test void ipvsWithKernelSupportIsNotImplementedYet() {
    assertThatThrownBy(() -> ProxyMode.parse("ipvs").check(Path.of("/")))
        .hasMessageContaining("not implemented yet").hasMessageContaining("implemented modes: iptables, nftables");
  }

  @Test void unknownModes() {
    assertThatThrownBy(() -> ProxyMode.parse("kernelspace")).hasMessageContaining("use iptables, nftables, ipvs or userspace");
    ProxyMode.parse("userspace").check(Path.of("/nonexistent")); // implemented, needs no kernel module: no exception
    ProxyMode.parse("nftables").check(Path.of("/")); // implemented: no exception
  }
}
