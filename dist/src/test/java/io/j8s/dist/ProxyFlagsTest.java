package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --proxy-mode} and {@code --disable} are checked before anything starts. */
class ProxyFlagsTest {
  static String refused(String... extra) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[5 + extra.length];
    System.arraycopy(new String[] {"agent", "--server", "http://10.0.0.1:6443", "--token", "t"}, 0, all, 0, 5);
    System.arraycopy(extra, 0, all, 5, extra.length);
    assertThat(AgentCommandTest.run(err, all)).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test void unknownModesNameEveryMode() {
    assertThat(refused("--proxy-mode", "bogus")).contains("use iptables, nftables, ipvs or userspace");
  }

  /** The real probe: on a kernel without IPVS (as this machine's) j8s refuses ipvs mode, naming the alternatives. */
  @Test void ipvsWithoutKernelSupportSaysSo() {
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")),
        "this kernel has IPVS: ipvs mode is accepted here, so its refusal cannot be seen");
    String err = refused("--proxy-mode", "ipvs", "--ipvs-scheduler", "wrr");
    assertThat(err).contains("needs the kernel's IPVS").contains("/proc/net/ip_vs is missing")
        .contains("use --proxy-mode iptables|nftables|userspace instead");
  }

  @Test void unknownComponentCannotBeDisabled() {
    assertThat(refused("--disable", "kube-dns")).contains("--disable kube-dns: unknown component").contains("kube-proxy");
  }
}
