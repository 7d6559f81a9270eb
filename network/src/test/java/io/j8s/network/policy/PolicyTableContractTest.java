package io.j8s.network.policy;

import static io.j8s.network.policy.Fixture.compile;
import static io.j8s.network.policy.Fixture.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.hostnet.nftables.Nftables;
import io.j8s.hostnet.nftables.RecordingNftables;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rendered script on the kernel and on the recording fake the unit tests use: nft accepts it,
 * and both end with the same chains holding the same number of rules, and the same map keys.
 */
@Tag("integration")
class PolicyTableContractTest {
  static final String NS = "j8snp-contract-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
  }

  @AfterAll static void removeNamespace() {
    SH.run("ip", "netns", "del", NS);
  }

  /** Chain name to rule count from {@code nft list table} text. */
  static Map<String, Integer> shape(String listed) {
    Map<String, Integer> m = new TreeMap<>();
    String chain = null;
    for (String l : listed.split("\n")) {
      String s = l.strip();
      if (s.startsWith("chain ")) m.put(chain = s.split(" ")[1], 0);
      else if (s.startsWith("map ") || s.startsWith("set ") || s.equals("}")) chain = null;
      else if (chain != null && !s.isEmpty() && !s.startsWith("type ")) m.merge(chain, 1, Integer::sum);
    }
    return m;
  }

  @Test void kernelAndFakeAgree() throws Exception {
    var desired = compile("n1",
        policy("a", "p", """
            podSelector: {}
            policyTypes: [Ingress, Egress]
            ingress:
            - from: [{namespaceSelector: {matchLabels: {team: b}}}, {ipBlock: {cidr: 10.88.169.0/24, except: [10.88.169.64/26]}}]
              ports: [{port: http}, {port: 9000, endPort: 9100}, {protocol: UDP}, {protocol: SCTP, port: 7}]
            - {}
            egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: http}]}, {ports: [{port: 53, protocol: UDP}]}]"""));
    RecordingNftables fake = new RecordingNftables();
    String listed = applyToBoth(PolicyRenderer.render(desired.values(), new ServicePath.Relay(List.of("10.88.169.1", "10.88.170.0"))).script(),
        fake, Map.of("forward", 4, "input", 3));
    for (String ip : fake.elements(PolicyApplier.TABLE, PolicyTable.INGRESS_MAP).keySet()) assertThat(listed).contains(ip + " : jump ingress-");
    assertThat(listed).contains("10.88.169.0/26").contains("10.88.169.128/25").contains("ip dscp 0x0b").contains("10.88.170.0");
  }

  @Test void ipvsPathOnTheKernelAndTheFake() throws Exception {
    var desired = compile("n1", policy("a", "p", "podSelector: {}\npolicyTypes: [Ingress, Egress]"));
    String listed = applyToBoth(PolicyRenderer.render(desired.values(), new ServicePath.Ipvs(List.of("10.43.0.0/16", "192.0.2.0/24"))).script(),
        new RecordingNftables(), Map.of("input", 3, "output", 4));
    assertThat(listed).contains("hook output").contains("10.43.0.0/16").contains("ip saddr != @local-pods accept");
  }

  /**
   * Applies {@code script} twice (the replacement of an existing table too) to the fake and to the
   * kernel, checks both end with the same chains and rule counts, including {@code expected}; returns the kernel's listing.
   */
  static String applyToBoth(String script, RecordingNftables fake, Map<String, Integer> expected) throws Exception {
    NftCommand kernel = new NftCommand(List.of("ip", "netns", "exec", NS));
    Nftables.Table t = PolicyApplier.TABLE;
    for (int i = 0; i < 2; i++) {
      fake.apply(script);
      kernel.apply(script);
    }
    String listed = kernel.list(t).orElseThrow();
    Map<String, Integer> f = new TreeMap<>();
    fake.chains(t).forEach((c, rules) -> f.put(c, rules.size()));
    assertThat(shape(listed)).isEqualTo(f).containsAllEntriesOf(expected);
    return listed;
  }
}
