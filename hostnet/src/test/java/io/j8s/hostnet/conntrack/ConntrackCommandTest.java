package io.j8s.hostnet.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessRunner;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real conntrack tool in a private namespace: UDP flows are listed, then deleted by filter. */
@Tag("integration")
class ConntrackCommandTest {
  static final String NS = "j8s-ct-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
    SH.run("ip", "-n", NS, "link", "set", "lo", "up").orThrow();
    // a conntrack match makes the kernel track this namespace's flows
    SH.run("ip", "netns", "exec", NS, "iptables", "-A", "OUTPUT", "-m", "conntrack", "--ctstate", "NEW", "-j", "ACCEPT").orThrow();
  }

  @AfterAll static void removeNamespace() {
    SH.run("ip", "netns", "del", NS);
  }

  static void udp(int port) {
    SH.run("ip", "netns", "exec", NS, "bash", "-c", "echo x > /dev/udp/127.0.0.1/" + port).orThrow();
  }

  static String flows() {
    return SH.run("ip", "netns", "exec", NS, "conntrack", "-L", "-p", "udp").stdout();
  }

  @Test void deletesOnlyTheMatchingFlows() throws Exception {
    udp(9101);
    udp(9102);
    assertThat(flows()).contains("dport=9101").contains("dport=9102");
    Conntrack ct = new ConntrackCommand(List.of("ip", "netns", "exec", NS));
    assertThat(ct.delete(new FlowFilter("UDP", "127.0.0.1", 9101, null))).isEqualTo(1);
    assertThat(flows()).doesNotContain("dport=9101").contains("dport=9102");
    assertThat(ct.delete(new FlowFilter("udp", "127.0.0.1", 9101, null))).as("nothing left: not an error").isZero();
    assertThat(ct.delete(new FlowFilter("udp", null, 9102, "127.0.0.1"))).isEqualTo(1);
  }

  @Test void deletesEveryProtocolOfOneSourceOrResponder() throws Exception {
    SH.run("ip", "netns", "exec", NS, "python3", "-c", "import socket\nfor src,port in (('127.0.0.2',9201),('127.0.0.3',9202)):\n"
        + "  s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n  s.bind((src,0))\n  s.sendto(b'x',('127.0.0.1',port))").orThrow();
    assertThat(flows()).contains("dport=9201").contains("dport=9202");
    Conntrack ct = new ConntrackCommand(List.of("ip", "netns", "exec", NS));
    assertThat(ct.delete(FlowFilter.from("127.0.0.2"))).isEqualTo(1);
    assertThat(flows()).doesNotContain("dport=9201").contains("dport=9202");
    assertThat(ct.delete(FlowFilter.answeredBy("127.0.0.1"))).isGreaterThanOrEqualTo(1);
    assertThat(flows()).doesNotContain("dport=9202");
  }
}
