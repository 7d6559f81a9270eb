package io.j8s.hostnet.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real iptables, in a private network namespace of its own. */
@Tag("integration")
class IptablesCommandTest {
  static final String NS = "j8s-ipt-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();
  static Iptables ipt;

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
    ipt = new IptablesCommand(List.of("ip", "netns", "exec", NS));
  }

  @AfterAll static void removeNamespace() { SH.run("ip", "netns", "del", NS); }

  @Test void ensureChainAndRuleAreIdempotent() throws Exception {
    assertThat(ipt.ensureChain(Table.NAT, "J8S-T1")).isTrue();
    assertThat(ipt.ensureChain(Table.NAT, "J8S-T1")).isFalse();
    List<String> jump = List.of("-m", "comment", "--comment", "j8s test", "-j", "J8S-T1");
    assertThat(ipt.ensureRule(Position.PREPEND, Table.NAT, "OUTPUT", jump)).isTrue();
    assertThat(ipt.ensureRule(Position.PREPEND, Table.NAT, "OUTPUT", jump)).isFalse();
    assertThat(ipt.save(Table.NAT)).contains("-A OUTPUT -m comment --comment \"j8s test\" -j J8S-T1");
    ipt.deleteRule(Table.NAT, "OUTPUT", jump);
    ipt.deleteRule(Table.NAT, "OUTPUT", jump);
    assertThat(ipt.save(Table.NAT)).doesNotContain("j8s test");
  }

  @Test void noflushRestoreRewritesOnlyTheDeclaredChains() throws Exception {
    ipt.restore("*filter\n:J8S-A - [0:0]\n:J8S-B - [0:0]\n-A J8S-A -s 10.1.0.0/16 -j ACCEPT\n-A J8S-B -s 10.2.0.0/16 -j DROP\nCOMMIT\n", true);
    ipt.restore("*filter\n:J8S-A - [0:0]\n-A J8S-A -s 10.3.0.0/16 -j ACCEPT\nCOMMIT\n", true);
    String saved = ipt.save(Table.FILTER);
    assertThat(saved).contains("-A J8S-A -s 10.3.0.0/16 -j ACCEPT").doesNotContain("10.1.0.0/16")
        .contains("-A J8S-B -s 10.2.0.0/16 -j DROP");
  }

  @Test void aBadPayloadChangesNothingAndSaysWhy() throws Exception {
    ipt.restore("*mangle\n:J8S-M - [0:0]\n-A J8S-M -s 10.9.0.0/16 -j ACCEPT\nCOMMIT\n", true);
    assertThatThrownBy(() -> ipt.restore("*mangle\n:J8S-M - [0:0]\n-A J8S-M -s 10.8.0.0/16 -j ACCEPT\n-A J8S-M -j NO-SUCH-TARGET\nCOMMIT\n", true))
        .isInstanceOf(HostnetException.class).hasMessageContaining("iptables-restore");
    assertThat(ipt.save(Table.MANGLE)).contains("10.9.0.0/16").doesNotContain("10.8.0.0/16");
  }

  @Test void ruleWithBadArgumentsIsAnErrorNotAbsent() {
    assertThatThrownBy(() -> ipt.ensureRule(Position.APPEND, Table.FILTER, "INPUT", List.of("--no-such-option")))
        .isInstanceOf(HostnetException.class).hasMessageContaining("exited with");
  }
}
