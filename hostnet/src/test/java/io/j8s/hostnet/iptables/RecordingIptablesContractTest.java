package io.j8s.hostnet.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables.Position;
import io.j8s.hostnet.iptables.Iptables.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake's contract, run against the fake and against the real iptables in a private namespace:
 * the same operations must leave the same chains with the same number of rules (iptables-save
 * normalises rule text, so rules are compared by count, chains by name).
 */
@Tag("integration")
class RecordingIptablesContractTest {
  static final String NS = "j8s-iptfake-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
  }

  @AfterAll static void removeNamespace() {
    SH.run("ip", "netns", "del", NS);
  }

  static Map<String, Integer> shape(String saved) {
    Map<String, Integer> m = new TreeMap<>();
    for (String l : saved.split("\n")) {
      if (l.startsWith(":")) m.putIfAbsent(l.substring(1).split(" ")[0], 0);
      if (l.startsWith("-A ")) m.merge(l.split(" ")[1], 1, Integer::sum);
    }
    return m;
  }

  static List<String> run(Iptables ipt) throws HostnetException {
    List<String> errors = new ArrayList<>();
    ipt.restore("*nat\n:J8S-A - [0:0]\n:J8S-B - [0:0]\n-A J8S-A -s 10.1.0.0/16 -j J8S-B\n-A J8S-B -j MARK --or-mark 0x4000\nCOMMIT\n", true);
    ipt.ensureChain(Table.NAT, "J8S-TOP");
    ipt.ensureRule(Position.PREPEND, Table.NAT, "OUTPUT", List.of("-m", "comment", "--comment", "j8s top", "-j", "J8S-TOP"));
    ipt.ensureRule(Position.PREPEND, Table.NAT, "OUTPUT", List.of("-m", "comment", "--comment", "j8s top", "-j", "J8S-TOP"));
    ipt.ensureRule(Position.APPEND, Table.NAT, "J8S-TOP", List.of("-j", "J8S-A"));
    ipt.restore("*nat\n:J8S-A - [0:0]\n:J8S-C - [0:0]\n-A J8S-A -j J8S-C\n-A J8S-C -j RETURN\nCOMMIT\n", true);
    ipt.restore("*nat\n:J8S-B - [0:0]\n-X J8S-B\nCOMMIT\n", true);
    // a table-wide -Z first (what IptablesProxier puts before large payloads) is accepted and changes no rule
    ipt.restore("*nat\n-Z\n:J8S-C - [0:0]\n-A J8S-C -j RETURN\nCOMMIT\n", true);
    try {
      ipt.restore("*nat\n:J8S-A - [0:0]\n-A J8S-A -j J8S-MISSING\nCOMMIT\n", true);
    } catch (HostnetException e) {
      errors.add("missing target");
    }
    ipt.deleteRule(Table.NAT, "J8S-TOP", List.of("-j", "J8S-A"));
    ipt.restore("*filter\n:J8S-F - [0:0]\n-A J8S-F -j ACCEPT\nCOMMIT\n", false);
    return errors;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sameOperationsSameTables(boolean real) throws Exception {
    Iptables ipt = real ? new IptablesCommand(List.of("ip", "netns", "exec", NS)) : new RecordingIptables();
    List<String> errors = run(ipt);
    assertThat(errors).containsExactly("missing target");
    Map<String, Integer> nat = shape(ipt.save(Table.NAT));
    assertThat(nat).containsEntry("J8S-A", 1).containsEntry("J8S-C", 1).containsEntry("J8S-TOP", 0).containsEntry("OUTPUT", 1)
        .doesNotContainKey("J8S-B").doesNotContainKey("J8S-MISSING");
    assertThat(shape(ipt.save(Table.FILTER))).containsEntry("J8S-F", 1).containsEntry("INPUT", 0);
    if (real) SH.run("ip", "netns", "exec", NS, "iptables", "-t", "nat", "-F");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void deletingAReferencedChainFails(boolean real) throws Exception {
    Iptables ipt = real ? new IptablesCommand(List.of("ip", "netns", "exec", NS)) : new RecordingIptables();
    ipt.restore("*mangle\n:J8S-R - [0:0]\n:J8S-S - [0:0]\n-A J8S-R -j J8S-S\nCOMMIT\n", true);
    assertThatThrownBy(() -> ipt.restore("*mangle\n-X J8S-S\nCOMMIT\n", true)).isInstanceOf(HostnetException.class);
    assertThat(shape(ipt.save(Table.MANGLE))).containsKey("J8S-S");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aJumpToAMissingChainIsAnErrorEvenToDelete(boolean real) {
    Iptables ipt = real ? new IptablesCommand(List.of("ip", "netns", "exec", NS)) : new RecordingIptables();
    assertThatThrownBy(() -> ipt.deleteRule(Table.NAT, "OUTPUT", List.of("-j", "J8S-NOWHERE"))).isInstanceOf(HostnetException.class);
    assertThatThrownBy(() -> ipt.ensureRule(Position.APPEND, Table.NAT, "OUTPUT", List.of("-j", "J8S-NOWHERE")))
        .isInstanceOf(HostnetException.class);
  }
}
