package io.j8s.hostnet.ipvs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.j8s.base.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The real ipvsadm against the contract, in a private network namespace; only where the kernel has
 * IPVS ({@code /proc/net/ip_vs}): elsewhere every test reports as skipped.
 */
@Tag("integration")
class IpvsadmCommandTest extends IpvsContract {
  static final String NS = "j8s-ipvs-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();
  static final boolean KERNEL_HAS_IPVS = Files.exists(Path.of("/proc/net/ip_vs"));
  static Ipvs ipvs;

  @BeforeAll static void namespace() {
    if (!KERNEL_HAS_IPVS) return;
    SH.run("ip", "netns", "add", NS).orThrow();
    ipvs = new IpvsadmCommand(List.of("ip", "netns", "exec", NS));
  }

  /** Per test, so each one reports as skipped (not passed, not absent) on a kernel without IPVS. */
  @BeforeEach void needsIpvs() {
    assumeTrue(KERNEL_HAS_IPVS, "this kernel has no IPVS (/proc/net/ip_vs is missing)");
  }

  @AfterAll static void removeNamespace() {
    if (ipvs != null) SH.run("ip", "netns", "del", NS);
  }

  @Override Ipvs ipvs() {
    return ipvs;
  }
}
