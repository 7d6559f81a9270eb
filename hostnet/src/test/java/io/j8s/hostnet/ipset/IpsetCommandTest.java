package io.j8s.hostnet.ipset;

import io.j8s.base.process.ProcessRunner;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The real ipset against the contract, in a private network namespace (IP sets are per namespace). */
@Tag("integration")
class IpsetCommandTest extends IpsetContract {
  static final String NS = "j8s-ipset-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();
  static Ipset ipset;

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
    ipset = new IpsetCommand(List.of("ip", "netns", "exec", NS));
  }

  @AfterAll static void removeNamespace() {
    SH.run("ip", "netns", "del", NS);
  }

  @Override Ipset ipset() {
    return ipset;
  }
}
