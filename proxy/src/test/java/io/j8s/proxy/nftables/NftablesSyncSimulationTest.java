package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.nftables.Nftables;
import io.j8s.hostnet.nftables.RecordingNftables;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random changes to Services (ports, NodePorts, affinity and its timeout, policies,
 * external IPs) and endpoints (added, removed, not ready, terminating, moved between nodes),
 * applied by partial syncs of the changed Services. Invariants at every step: the table the fake
 * holds after the incremental transactions equals the one a fresh full sync of the same state
 * makes (every chain, rule, set and map element), once each endpoint slot rule is resolved to the
 * endpoints its slots hold (the two allocate slots differently); every element of an
 * {@code endpoints-S} map belongs to exactly one rule's slot range (no leaked slots, no two
 * Services sharing one); the chains of Services that did not change are untouched (no
 * renumbering); and no partial transaction touches the table.
 */
class NftablesSyncSimulationTest {
  static final NftablesConfig CFG = NftablesConfig.of("n1", List.of("192.168.0.1"), "10.244.0.0/16");

  @ParameterizedTest @ValueSource(longs = {1, 2, 3, 42, 2026})
  void incrementalEqualsFull(long seed) throws Exception {
    simulate(seed, 0);
  }

  /**
   * The same with one transaction in eight failing (nft refusing it before any change): the retry
   * is a full sync, after which every invariant holds again, and Services that did not change
   * keep their slots and chains through it.
   */
  @ParameterizedTest @ValueSource(longs = {5, 6, 7})
  void recoversFromFailedTransactions(long seed) throws Exception {
    simulate(seed, 8);
  }

  /** Fails one {@link #apply} in {@code oneIn} (never when 0), before applying anything. */
  static final class Flaky implements Nftables {
    final RecordingNftables nft;
    final Random rnd;
    final int oneIn;
    boolean enabled = true;
    int failures;

    Flaky(RecordingNftables nft, Random rnd, int oneIn) {
      this.nft = nft;
      this.rnd = rnd;
      this.oneIn = oneIn;
    }

    @Override public void apply(String script) throws HostnetException {
      if (enabled && oneIn > 0 && rnd.nextInt(oneIn) == 0) {
        failures++;
        throw new HostnetException("injected failure");
      }
      nft.apply(script);
    }

    @Override public Optional<String> list(Table table) {
      return nft.list(table);
    }

    @Override public Optional<String> listJson(Table table) {
      return nft.listJson(table);
    }

    @Override public boolean deleteTable(Table table) {
      return nft.deleteTable(table);
    }
  }

  void simulate(long seed, int failOneIn) throws Exception {
    Random rnd = new Random(seed);
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    RecordingNftables nft = new RecordingNftables();
    Flaky flaky = new Flaky(nft, new Random(seed + 1), failOneIn);
    NftablesProxier proxier = new NftablesProxier(flaky, CFG);
    flaky.enabled = false;
    proxier.sync(ProxyState.EMPTY, Set.of(), true);
    flaky.enabled = true;
    for (int step = 0; step < 300; step++) {
      Set<ServiceRef> changed = new HashSet<>();
      for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
        int s = rnd.nextInt(8);
        ServicePortName n = ServicePortName.of("ns", "s" + s, rnd.nextBoolean() ? "a" : "b", s % 3 == 0 ? "UDP" : "TCP");
        changed.add(n.service());
        switch (rnd.nextInt(6)) {
          case 0 -> {
            svcs.remove(n);
            eps.remove(n);
          }
          case 1 -> svcs.put(n, randomPort(rnd, n, s));
          default -> {
            if (!svcs.containsKey(n)) svcs.put(n, randomPort(rnd, n, s));
            eps.put(n, randomEndpoints(rnd));
          }
        }
      }
      ProxyState state = ProxyState.of(svcs, eps);
      Map<String, List<String>> chainsBefore = nft.chains(NftablesProxier.TABLE);
      boolean retried = false;
      Map<String, Long> counts;
      try {
        counts = proxier.sync(state, changed, false);
      } catch (HostnetException e) {
        retried = true;
        flaky.enabled = false;
        counts = proxier.sync(state, changed, false);
        flaky.enabled = true;
        assertThat(proxier.lastScript()).as("after a failure the retry is full").startsWith("add table ");
      }
      Map<String, List<String>> chainsAfter = nft.chains(NftablesProxier.TABLE);
      for (Map.Entry<String, List<String>> c : chainsBefore.entrySet()) {
        if (changed.stream().noneMatch(ref -> c.getKey().contains("-" + ref.namespace() + "/" + ref.name() + "/"))) {
          assertThat(chainsAfter.get(c.getKey())).as("step %d: unchanged Service's chain %s", step, c.getKey()).isEqualTo(c.getValue());
        }
      }
      if (!retried) assertThat(proxier.lastScript()).doesNotContain(" table ");
      RecordingNftables fresh = new RecordingNftables();
      assertThat(counts).as("step %d: rule and chain counts kept across partial syncs", step)
          .isEqualTo(new NftablesProxier(fresh, CFG).sync(state, Set.of(), true));
      assertThat(resolved(nft)).as("step %d", step).isEqualTo(resolved(fresh));
      for (String map : List.of("service-ips", "service-nodeports", "no-endpoint-services", "no-endpoint-nodeports", "firewall-ips",
          "cluster-ips", "hairpin")) {
        assertThat(nft.elements(NftablesProxier.TABLE, map)).as("step %d %s", step, map)
            .isEqualTo(fresh.elements(NftablesProxier.TABLE, map));
      }
      assertThat(listing(nft)).as("step %d: sets and all", step).isEqualTo(listing(fresh));
      slotsOwnedOnce(nft, step);
      slotsOwnedOnce(fresh, step);
    }
    if (failOneIn > 0) assertThat(flaky.failures).as("failures injected").isGreaterThan(10);
  }

  static final Pattern SLOTS = Pattern.compile("(.* dnat ip to numgen \\w+ mod (\\d+)) offset (\\d+) map @(endpoints-(?:udp-|sctp-)?\\d+)");

  /** Chains with each slot rule's {@code offset B map @endpoints-S} replaced by the endpoints in those slots. */
  static Map<String, List<String>> resolved(RecordingNftables nft) {
    Map<String, List<String>> out = new TreeMap<>();
    nft.chains(NftablesProxier.TABLE).forEach((c, rules) -> out.put(c, rules.stream().map(r -> {
      Matcher m = SLOTS.matcher(r);
      if (!m.matches()) return r;
      Map<String, String> map = nft.elements(NftablesProxier.TABLE, m.group(4));
      List<String> eps = new ArrayList<>();
      for (int i = 0; i < Integer.parseInt(m.group(2)); i++) eps.add(map.get(Integer.toString(Integer.parseInt(m.group(3)) + i)));
      return m.group(1) + " " + eps;
    }).toList()));
    return out;
  }

  /** The listing's lines, sorted, without the endpoint maps' elements and the slot rules (compared resolved). */
  static List<String> listing(RecordingNftables nft) {
    List<String> out = new ArrayList<>();
    boolean inSlots = false;
    for (String l : nft.list(NftablesProxier.TABLE).orElseThrow().lines().toList()) {
      if (l.startsWith("\tmap ") || l.startsWith("\tchain ")) inSlots = l.startsWith("\tmap endpoints-");
      if ((inSlots && l.startsWith("\t\t")) || SLOTS.matcher(l.strip()).matches()) continue;
      out.add(l);
    }
    out.sort(null);
    return out;
  }

  /** Every element of every endpoint map lies in exactly one slot rule's range, and every rule's slots are filled. */
  static void slotsOwnedOnce(RecordingNftables nft, int step) {
    Map<String, String> owner = new HashMap<>();
    nft.chains(NftablesProxier.TABLE).forEach((c, rules) -> rules.forEach(r -> {
      Matcher m = SLOTS.matcher(r);
      if (!m.matches()) return;
      for (int i = 0; i < Integer.parseInt(m.group(2)); i++) {
        String slot = m.group(4) + " " + (Integer.parseInt(m.group(3)) + i);
        String was = owner.put(slot, c);
        assertThat(was).as("step %d: slot %s of %s and %s", step, slot, was, c).isNull();
      }
    }));
    for (String protocol : SlotAllocation.PROTOCOLS) {
      for (int s = 0; s < SlotAllocation.SHARDS; s++) {
        String map = SlotAllocation.mapName(s, protocol);
        for (String k : nft.elements(NftablesProxier.TABLE, map).keySet()) {
          assertThat(owner).as("step %d: leaked slot %s %s", step, map, k).containsKey(map + " " + k);
        }
      }
    }
    assertThat(owner.keySet()).allSatisfy(slot -> assertThat(nft.elements(NftablesProxier.TABLE, slot.split(" ")[0])).containsKey(slot.split(" ")[1]));
  }

  static ServicePort randomPort(Random rnd, ServicePortName n, int s) {
    ServicePort p = ServicePort.clusterIP(n, "10.96.0." + s, n.port().equals("a") ? 80 : 443);
    if (rnd.nextInt(3) == 0) p = p.withNodePort(30000 + s * 2 + (n.port().equals("a") ? 0 : 1));
    if (rnd.nextInt(3) == 0) p = p.withAffinity(rnd.nextBoolean() ? 600 : 10800);
    if (rnd.nextInt(4) == 0) p = p.withExternal(List.of("198.51.100." + s), List.of("203.0.113." + s), List.of("203.0.113.0/24"));
    if (rnd.nextInt(3) == 0) p = p.withPolicies(p.externallyAccessible() && rnd.nextBoolean(), rnd.nextBoolean(), 0);
    return p;
  }

  static List<Endpoint> randomEndpoints(Random rnd) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (rnd.nextBoolean()) continue;
      boolean ready = rnd.nextInt(4) != 0;
      out.add(new Endpoint("10.244." + i + "." + (rnd.nextInt(2) + 1), 8080, ready, ready || rnd.nextBoolean(), !ready,
          "n" + (rnd.nextInt(2) + 1), ""));
    }
    return out;
  }
}
