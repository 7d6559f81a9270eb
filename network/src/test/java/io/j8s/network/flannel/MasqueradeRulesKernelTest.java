package io.j8s.network.flannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.IptablesCommand;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The chain in the real iptables of a private namespace: installed once however often, rewritten when the podCIDR changes. */
@Tag("integration")
class MasqueradeRulesKernelTest {
  @Test void installIsIdempotentAndReplacesTheChain() throws Exception {
    String ns = "j8s-masq-" + ProcessHandle.current().pid();
    ProcessRunner sh = new ProcessRunner();
    sh.run("ip", "netns", "add", ns).orThrow();
    try {
      IptablesCommand ipt = new IptablesCommand(List.of("ip", "netns", "exec", ns));
      new MasqueradeRules("10.42.0.0/16", "10.42.3.0/24").install(ipt);
      new MasqueradeRules("10.42.0.0/16", "10.42.3.0/24").install(ipt);
      String nat = ipt.save(Table.NAT);
      assertThat(nat.lines().filter(l -> l.contains("-A POSTROUTING") && l.contains("J8S-FLANNEL-POSTRTG")).count()).isEqualTo(1);
      assertThat(nat).contains("-A J8S-FLANNEL-POSTRTG -s 10.42.3.0/24 -d 10.42.0.0/16")
          .contains("-A J8S-FLANNEL-POSTRTG -s 10.42.0.0/16 ! -d 224.0.0.0/4")
          .contains("MASQUERADE --random-fully");
      assertThat(nat.lines().filter(l -> l.startsWith("-A J8S-FLANNEL-POSTRTG")).count()).isEqualTo(6);
      new MasqueradeRules("10.42.0.0/16", "10.42.4.0/24").install(ipt);
      nat = ipt.save(Table.NAT);
      assertThat(nat).doesNotContain("10.42.3.0/24").contains("-s 10.42.4.0/24 -d 10.42.0.0/16");
      assertThat(nat.lines().filter(l -> l.startsWith("-A J8S-FLANNEL-POSTRTG")).count()).isEqualTo(6);
    } finally {
      sh.run("ip", "netns", "del", ns);
    }
  }
}
