package io.j8s.proxy.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import io.j8s.hostnet.iptables.Iptables.Table;
import io.j8s.hostnet.iptables.RecordingIptables;
import io.j8s.hostnet.ipset.RecordingIpset;
import io.j8s.hostnet.ipvs.IpvsOp;
import io.j8s.hostnet.ipvs.IpvsTable;
import io.j8s.hostnet.ipvs.RecordingIpvs;
import io.j8s.hostnet.link.RecordingLinks;
import io.j8s.hostnet.sysctl.RecordingSysctl;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.time.Duration;
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
 * Seeded random changes to Services (ports and protocols, NodePorts, affinity and its timeout,
 * policies, external and LoadBalancer IPs with source ranges, health-check ports) and endpoints
 * (added, removed, not ready, terminating, moved between nodes), applied by incremental syncs while
 * a manual clock moves. Invariants at every step: the fake IPVS table equals a fresh full render
 * of the same state applied to empty fakes, apart from removed TCP destinations still quiesced
 * (weight 0, given random open connections, never older than the grace period); no destination present before and after a step is
 * deleted or re-added (open connections are kept); kube-ipvs0's addresses and every ip set equal
 * the fresh ones; the iptables chains equal the fresh ones.
 */
class IpvsSyncSimulationTest {
  static final Duration GRACE = Duration.ofSeconds(30);
  static final IpvsConfig CFG = new IpvsConfig("n1", List.of("10.88.210.2", "10.88.211.2"), "10.88.216.0/22", "rr", 14, false, GRACE);

  record Host(RecordingIpvs ipvs, RecordingIpset ipset, RecordingLinks links, RecordingIptables ipt, IpvsProxier proxier) {
    static Host fresh(ManualClock clock) {
      RecordingIpvs ipvs = new RecordingIpvs();
      RecordingIpset ipset = new RecordingIpset();
      RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "10.88.210.2/24");
      RecordingIptables ipt = new RecordingIptables();
      return new Host(ipvs, ipset, links, ipt, new IpvsProxier(ipvs, ipset, links, ipt, new RecordingSysctl(), CFG, clock));
    }
  }

  @ParameterizedTest @ValueSource(longs = {1, 2, 3, 42, 2026})
  void incrementalEqualsFresh(long seed) throws Exception {
    Random rnd = new Random(seed);
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    ManualClock clock = new ManualClock();
    Host host = Host.fresh(clock);
    host.proxier().sync(ProxyState.EMPTY, Set.of(), true);
    Map<String, Long> quiescedAt = new TreeMap<>();
    for (int step = 0; step < 300; step++) {
      Set<ServiceRef> changed = new HashSet<>();
      for (int k = rnd.nextInt(3) + 1; k > 0; k--) {
        int s = rnd.nextInt(8);
        String proto = s % 4 == 0 ? "UDP" : s % 4 == 1 ? "SCTP" : "TCP";
        ServicePortName n = ServicePortName.of("ns", "s" + s, rnd.nextBoolean() ? "a" : "b", proto);
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
      clock.advance(Duration.ofSeconds(rnd.nextInt(10)));
      IpvsTable before = host.ipvs().read();
      host.ipvs().clearApplied();
      ProxyState state = ProxyState.of(svcs, eps);
      host.proxier().sync(state, changed, rnd.nextInt(20) == 0);

      Host fresh = Host.fresh(clock);
      fresh.proxier().sync(state, Set.of(), true);
      IpvsTable now = host.ipvs().read();
      assertThat(now.withoutQuiesced()).as("step %d", step).isEqualTo(fresh.ipvs().read());
      for (IpvsTable.Service svc : now.services().values()) {
        for (var r : svc.destinations().values()) {
          String key = IpvsDiff.destKey(svc.server(), r);
          if (r.weight() == 0) {
            host.ipvs().setConnections(key, rnd.nextInt(3)); // open connections keep it, at most for the grace period
            assertThat(svc.server().protocol()).as("step %d: only TCP quiesces", step).isEqualTo(io.j8s.hostnet.ipvs.VirtualServer.Protocol.TCP);
            quiescedAt.putIfAbsent(key, clock.nanoTime());
            assertThat(clock.nanoTime() - quiescedAt.get(key)).as("step %d: %s drains at most the grace period", step, key)
                .isLessThan(GRACE.toNanos() + Duration.ofSeconds(10).toNanos());
          } else {
            quiescedAt.remove(key);
          }
        }
      }
      quiescedAt.keySet().removeIf(k -> now.services().values().stream().noneMatch(
          sv -> sv.destinations().values().stream().anyMatch(r -> IpvsDiff.destKey(sv.server(), r).equals(k) && r.weight() == 0)));
      for (IpvsOp op : host.ipvs().applied()) {
        if (op instanceof IpvsOp.DeleteServer d) {
          IpvsTable.Service still = now.services().get(d.server().key());
          assertThat(still == null || !still.destinations().containsKey(d.real().key())).as("step %d: %s re-added", step, op).isTrue();
        }
        if (op instanceof IpvsOp.AddServer a) {
          IpvsTable.Service was = before.services().get(a.server().key());
          assertThat(was != null && was.destinations().containsKey(a.real().key())).as("step %d: %s existed", step, op).isFalse();
        }
      }
      assertThat(host.links().addresses("kube-ipvs0")).as("step %d", step)
          .containsExactlyInAnyOrderElementsOf(fresh.links().addresses("kube-ipvs0"));
      assertThat(host.ipset().list()).as("step %d", step).isEqualTo(fresh.ipset().list());
      for (Table t : List.of(Table.NAT, Table.FILTER)) {
        assertThat(host.ipt().save(t)).as("step %d %s", step, t).isEqualTo(fresh.ipt().save(t));
      }
    }
  }

  static ServicePort randomPort(Random rnd, ServicePortName n, int s) {
    ServicePort p = ServicePort.clusterIP(n, "10.88.214." + s, n.port().equals("a") ? 80 : 443);
    if (rnd.nextInt(3) == 0) p = p.withNodePort(30000 + s * 2 + (n.port().equals("a") ? 0 : 1));
    if (rnd.nextInt(3) == 0) p = p.withAffinity(rnd.nextBoolean() ? 600 : 10800);
    if (rnd.nextInt(4) == 0) {
      p = p.withExternal(List.of("10.88.213." + s), List.of("10.88.215." + s), rnd.nextBoolean() ? List.of("10.88.218.0/24") : List.of());
    }
    if (rnd.nextInt(3) == 0) {
      boolean ext = p.externallyAccessible() && rnd.nextBoolean();
      p = p.withPolicies(ext, rnd.nextBoolean(), ext && !p.loadBalancerIPs().isEmpty() ? 32000 + s : 0);
    }
    return p;
  }

  static List<Endpoint> randomEndpoints(Random rnd) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (rnd.nextBoolean()) continue;
      boolean ready = rnd.nextInt(4) != 0;
      out.add(new Endpoint("10.88.21" + (6 + i % 2) + "." + (i * 10 + rnd.nextInt(2) + 1), 8080, ready, ready || rnd.nextBoolean(), !ready,
          "n" + (rnd.nextInt(2) + 1), ""));
    }
    return out;
  }
}
