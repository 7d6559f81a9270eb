package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.hostnet.nftables.RecordingNftables;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random changes to Services (ports, NodePorts, affinity and its timeout, policies,
 * external IPs) and endpoints (added, removed, not ready, terminating, moved between nodes),
 * applied by partial syncs of the changed Services. Invariant at every step: the table the fake
 * holds after the incremental transactions equals the one a fresh full sync of the same state
 * makes (every chain, rule, set and map element), and no partial transaction touches the table.
 */
class NftablesSyncSimulationTest {
  static final NftablesConfig CFG = NftablesConfig.of("n1", List.of("192.168.0.1"), "10.244.0.0/16");

  @ParameterizedTest @ValueSource(longs = {1, 2, 3, 42, 2026})
  void incrementalEqualsFull(long seed) throws Exception {
    Random rnd = new Random(seed);
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    RecordingNftables nft = new RecordingNftables();
    NftablesProxier proxier = new NftablesProxier(nft, CFG);
    proxier.sync(ProxyState.EMPTY, Set.of(), true);
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
      proxier.sync(state, changed, false);
      assertThat(proxier.lastScript()).doesNotContain(" table ");
      RecordingNftables fresh = new RecordingNftables();
      new NftablesProxier(fresh, CFG).sync(state, Set.of(), true);
      assertThat(nft.chains(NftablesProxier.TABLE)).as("step %d", step).isEqualTo(fresh.chains(NftablesProxier.TABLE));
      for (String map : List.of("service-ips", "service-nodeports", "no-endpoint-services", "no-endpoint-nodeports", "firewall-ips",
          "cluster-ips")) {
        assertThat(nft.elements(NftablesProxier.TABLE, map)).as("step %d %s", step, map)
            .isEqualTo(fresh.elements(NftablesProxier.TABLE, map));
      }
      assertThat(nft.list(NftablesProxier.TABLE).orElseThrow().lines().sorted().toList()).as("step %d: sets and all", step)
          .isEqualTo(fresh.list(NftablesProxier.TABLE).orElseThrow().lines().sorted().toList());
    }
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
