package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.proxy.ipvs.IpvsKernel;
import java.nio.file.Files;
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

  @Test void ipvsRunsWhereTheKernelHasIpvs() {
    assertThatCode(() -> ProxyMode.parse("ipvs").check(Path.of("/"))).doesNotThrowAnyException();
    assertThatCode(() -> ProxyMode.IPVS.check(kernel(true))).doesNotThrowAnyException();
  }

  @Test void ipvsRefusesAnInjectedKernelWithoutIpvsNamingTheAlternatives() {
    assertThatThrownBy(() -> ProxyMode.IPVS.check(kernel(false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--proxy-mode ipvs needs the kernel's IPVS, and this kernel has none (probe says no; load the ip_vs module if it"
            + " exists); use --proxy-mode iptables|nftables|userspace instead");
    for (ProxyMode other : new ProxyMode[] {ProxyMode.IPTABLES, ProxyMode.NFTABLES}) {
      assertThatCode(() -> other.check(kernel(false))).doesNotThrowAnyException();
    }
  }

  /** The real probe on this machine: where the kernel has no IPVS (as here) ipvs mode is refused, else accepted. */
  @Test void theRealProbeOnThisKernel() {
    IpvsKernel real = IpvsKernel.system();
    assertThat(real.available()).isEqualTo(Files.exists(Path.of("/proc/net/ip_vs")));
    if (real.available()) {
      assertThatCode(() -> ProxyMode.IPVS.check(real)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> ProxyMode.IPVS.check(real)).hasMessageContaining("/proc/net/ip_vs is missing")
          .hasMessageContaining("iptables|nftables|userspace");
    }
  }

  static IpvsKernel kernel(boolean has) {
    return new IpvsKernel() {
      @Override public boolean available() {
        return has;
      }

      @Override public String evidence() {
        return "probe says " + (has ? "yes" : "no");
      }
    };
  }

  @Test void unknownModes() {
    assertThatThrownBy(() -> ProxyMode.parse("kernelspace")).hasMessageContaining("use iptables, nftables, ipvs or userspace");
    ProxyMode.parse("userspace").check(Path.of("/nonexistent")); // implemented, needs no kernel module: no exception
    ProxyMode.parse("nftables").check(Path.of("/")); // implemented: no exception
  }
}
