package io.j8s.hostnet.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.nftables.Nftables.Table;
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
 * The fake's contract, run against the fake and against the real nft in a private namespace: the
 * same transactions must leave the same chains with the same number of rules, the same failures
 * must be rejected whole, and deleting a missing table must say so.
 */
@Tag("integration")
class RecordingNftablesContractTest {
  static final String NS = "j8s-nftfake-" + ProcessHandle.current().pid();
  static final ProcessRunner SH = new ProcessRunner();
  static final Table T = new Table("ip", "j8s-contract");

  @BeforeAll static void namespace() {
    SH.run("ip", "netns", "add", NS).orThrow();
  }

  @AfterAll static void removeNamespace() {
    SH.run("ip", "netns", "del", NS);
  }

  /** Chain name to rule count, from {@code nft list table} text (hook declarations are not rules). */
  static Map<String, Integer> shape(String listed) {
    Map<String, Integer> m = new TreeMap<>();
    String chain = null;
    for (String l : listed.split("\n")) {
      String s = l.strip();
      if (s.startsWith("chain ")) {
        chain = s.split(" ")[1];
        m.put(chain, 0);
      } else if (s.startsWith("map ") || s.startsWith("set ")) {
        chain = null;
      } else if (s.equals("}")) {
        chain = null;
      } else if (chain != null && !s.isEmpty() && !s.startsWith("type ")) {
        m.merge(chain, 1, Integer::sum);
      }
    }
    return m;
  }

  static List<String> run(Nftables nft) throws HostnetException {
    List<String> log = new ArrayList<>();
    nft.apply("""
        add table ip j8s-contract
        add chain ip j8s-contract pre { type nat hook prerouting priority dstnat ; }
        add chain ip j8s-contract svc/a
        add chain ip j8s-contract ep/a1
        add map ip j8s-contract ips { type ipv4_addr . inet_proto . inet_service : verdict ; }
        add rule ip j8s-contract pre ip daddr . meta l4proto . th dport vmap @ips
        add rule ip j8s-contract svc/a numgen random mod 1 vmap { 0 : goto ep/a1 }
        add rule ip j8s-contract ep/a1 meta l4proto tcp dnat to 10.1.0.1:80
        add element ip j8s-contract ips { 10.96.0.1 . tcp . 80 : goto svc/a }
        """);
    log.add(shape(nft.list(T).orElseThrow()).toString());
    try {
      nft.apply("add chain ip j8s-contract ep/a2\nadd rule ip j8s-contract svc/a goto ep/missing\n");
    } catch (HostnetException e) {
      log.add("missing target rejected");
    }
    try {
      nft.apply("add chain ip j8s-contract ep/a3\ndelete element ip j8s-contract ips { 10.96.0.2 . tcp . 80 }\n");
    } catch (HostnetException e) {
      log.add("missing element rejected");
    }
    log.add(shape(nft.list(T).orElseThrow()).toString());
    nft.apply("""
        add chain ip j8s-contract svc/b
        flush chain ip j8s-contract svc/a
        add rule ip j8s-contract svc/a goto ep/a1
        add rule ip j8s-contract svc/b reject
        delete element ip j8s-contract ips { 10.96.0.1 . tcp . 80 }
        add element ip j8s-contract ips { 10.96.0.1 . tcp . 80 : goto svc/b }
        """);
    log.add(shape(nft.list(T).orElseThrow()).toString());
    nft.apply("flush chain ip j8s-contract svc/a\ndelete chain ip j8s-contract svc/a\n");
    nft.apply("add table ip j8s-contract\ndelete table ip j8s-contract\nadd table ip j8s-contract\nadd chain ip j8s-contract x\n");
    log.add(shape(nft.list(T).orElseThrow()).toString());
    log.add("json has chain: " + nft.listJson(T).orElseThrow().contains("\"x\""));
    log.add("deleted: " + nft.deleteTable(T));
    log.add("deleted again: " + nft.deleteTable(T));
    log.add("listed: " + nft.list(T).isPresent());
    return log;
  }

  @ParameterizedTest @ValueSource(strings = {"fake", "kernel"})
  void sameOutcome(String which) throws HostnetException {
    Nftables nft = which.equals("fake") ? new RecordingNftables() : new NftCommand(List.of("ip", "netns", "exec", NS));
    assertThat(run(nft)).containsExactly(
        "{ep/a1=1, pre=1, svc/a=1}",
        "missing target rejected",
        "missing element rejected",
        "{ep/a1=1, pre=1, svc/a=1}",
        "{ep/a1=1, pre=1, svc/a=1, svc/b=1}",
        "{x=0}",
        "json has chain: true",
        "deleted: true",
        "deleted again: false",
        "listed: false");
  }
}
