package io.j8s.hostnet.link;

import io.j8s.base.process.ProcessRunner;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The real kernel against the contract, in a private network namespace with a veth pair as the uplink. */
@Tag("integration")
class IpCommandTest extends LinksContract {
  static final String NS = "j8s-links-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();
  static Links links;

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
    SH.run("ip", "-n", NS, "link", "add", UPLINK, "type", "veth", "peer", "name", "j8sct1").orThrow();
    SH.run("ip", "-n", NS, "addr", "add", "172.31.77.1/24", "dev", UPLINK).orThrow();
    SH.run("ip", "-n", NS, "link", "set", UPLINK, "up").orThrow();
    SH.run("ip", "-n", NS, "link", "set", "j8sct1", "up").orThrow();
    links = new IpCommand(List.of("ip", "netns", "exec", NS));
  }

  @AfterAll static void removeNamespace() { SH.run("ip", "netns", "del", NS); }

  @Override Links links() { return links; }

  @Override boolean dummySupported() {
    SH.run("ip", "-n", NS, "link", "add", "j8sivprobe0", "type", "dummy");
    return SH.run("ip", "-n", NS, "link", "del", "j8sivprobe0").ok();
  }
}
