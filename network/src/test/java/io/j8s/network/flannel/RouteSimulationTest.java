package io.j8s.network.flannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.j8s.hostnet.link.FdbEntry;
import io.j8s.hostnet.link.Neighbour;
import io.j8s.hostnet.link.RecordingLinks;
import io.j8s.hostnet.link.Route;
import io.j8s.hostnet.sysctl.RecordingSysctl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded simulation: peers join (some publish their backend data late), leave, change address,
 * restart with a new VTEP MAC; stale j8s routes appear; this agent restarts. After every step one
 * reconcile round over fake links must leave exactly the planned entries, a route to every
 * published peer's subnet through its current address, none to this node or a vanished one, and
 * a second round must change nothing.
 */
class RouteSimulationTest {
  static final String SELF = "self";
  static final String SELF_CIDR = "10.42.0.0/24";

  static List<Arguments> runs() {
    List<Arguments> a = new ArrayList<>();
    for (Backend b : Backend.values()) for (long seed = 1; seed <= 6; seed++) a.add(Arguments.of(b, seed));
    return a;
  }

  record Peer(String name, String cidr, String ip, String mac, boolean published) {
    Node node(Backend b) {
      Map<String, String> ann = published ? FlannelAnnotations.of(b, 1, mac, ip) : Map.of();
      return Nodes.node(name, cidr, ip, ann);
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("runs")
  void routesFollowTheNodes(Backend backend, long seed) throws Exception {
    Random r = new Random(seed);
    RecordingLinks links = new RecordingLinks().withDevice("eth0", 1500, "172.31.0.1/24");
    FlannelNetwork.Config cfg = new FlannelNetwork.Config(SELF, "172.31.0.1", SELF_CIDR, "10.42.0.0/16", backend, Duration.ofSeconds(30));
    FlannelNetwork net = agent(links, cfg);
    Map<String, Peer> peers = new TreeMap<>();
    int nextCidr = 1;
    int nextName = 0;
    for (int step = 0; step < 400; step++) {
      int op = r.nextInt(100);
      List<String> names = new ArrayList<>(peers.keySet());
      if (op < 30 || peers.isEmpty()) {
        String name = "n" + nextName++;
        peers.put(name, new Peer(name, "10.42." + (nextCidr++ % 250 + 1) + ".0/24", ip(r), mac(r), r.nextInt(4) != 0));
      } else if (op < 45) {
        peers.remove(names.get(r.nextInt(names.size())));
      } else if (op < 55) {
        Peer p = peers.get(names.get(r.nextInt(names.size())));
        peers.put(p.name, new Peer(p.name, p.cidr, ip(r), p.mac, p.published));
      } else if (op < 65) {
        Peer p = peers.get(names.get(r.nextInt(names.size())));
        peers.put(p.name, new Peer(p.name, p.cidr, p.ip, mac(r), true));
      } else if (op < 75) {
        links.replaceRoute(Route.via("10.99." + r.nextInt(250) + ".0/24", "172.31.0." + (2 + r.nextInt(200)), "eth0"));
        if (backend == Backend.VXLAN) links.replaceNeighbour(new Neighbour(RoutePlanner.VXLAN_DEVICE, "10.99.0." + r.nextInt(250), mac(r)));
      } else if (op < 80) {
        net = agent(links, cfg); // an agent restart: a new process, the host's entries as they were
      } else if (op < 85 && !names.isEmpty()) {
        // two nodes briefly claim the same subnet (never allowed to produce two routes)
        Peer p = peers.get(names.get(r.nextInt(names.size())));
        String name = "n" + nextName++;
        peers.put(name, new Peer(name, p.cidr, ip(r), mac(r), true));
      }
      List<Node> nodes = new ArrayList<>();
      nodes.add(Nodes.node(SELF, SELF_CIDR, "172.31.0.1", Map.of()));
      peers.values().forEach(p -> nodes.add(p.node(backend)));
      java.util.Collections.shuffle(nodes, r);
      net.reconcile(nodes);
      check(backend, links, peers, "seed " + seed + " step " + step);
      assertThat(net.reconcile(nodes).changes().isEmpty()).as("second round changes nothing, step %d", step).isTrue();
    }
  }

  static FlannelNetwork agent(RecordingLinks links, FlannelNetwork.Config cfg) throws Exception {
    FlannelNetwork f = new FlannelNetwork(null, cfg, links, line -> {});
    f.setUp(new RecordingIptables(), new RecordingSysctl().with("net.ipv4.ip_forward", "0"));
    return f;
  }

  static void check(Backend backend, RecordingLinks links, Map<String, Peer> peers, String at) throws Exception {
    List<Route> routes = links.routes(Route.J8S_PROTOCOL);
    Set<String> dsts = new HashSet<>();
    for (Route rt : routes) assertThat(dsts.add(rt.dst())).as("one route per subnet %s", at).isTrue();
    assertThat(dsts).as(at).doesNotContain(SELF_CIDR);
    Set<String> cidrs = new HashSet<>();
    peers.values().forEach(p -> cidrs.add(p.cidr));
    assertThat(cidrs).as("no route to a subnet no node has, %s", at).containsAll(dsts);
    Set<String> seenCidr = new HashSet<>();
    Set<String> seenMac = new HashSet<>();
    for (Peer p : peers.values()) { // sorted by name, as the planner decides who wins a shared subnet
      if (!p.published || seenCidr.contains(p.cidr) || (backend == Backend.VXLAN && seenMac.contains(p.mac))) continue;
      seenCidr.add(p.cidr);
      seenMac.add(p.mac);
      String gw = p.cidr.replace(".0/24", ".0");
      Route want = backend == Backend.HOST_GW ? Route.via(p.cidr, p.ip, "eth0") : Route.onlink(p.cidr, gw, RoutePlanner.VXLAN_DEVICE);
      assertThat(routes).as("route to %s, %s", p.name, at).contains(want);
      if (backend == Backend.VXLAN) {
        assertThat(links.neighbours(RoutePlanner.VXLAN_DEVICE)).as(at).contains(new Neighbour(RoutePlanner.VXLAN_DEVICE, gw, p.mac));
        assertThat(links.fdb(RoutePlanner.VXLAN_DEVICE)).as(at).contains(new FdbEntry(RoutePlanner.VXLAN_DEVICE, p.mac, p.ip));
      }
    }
    assertThat(dsts).as("exactly the published peers' subnets, %s", at).isEqualTo(seenCidr);
    if (backend == Backend.VXLAN) {
      assertThat(links.neighbours(RoutePlanner.VXLAN_DEVICE)).as(at).hasSize(seenCidr.size());
      assertThat(links.fdb(RoutePlanner.VXLAN_DEVICE)).as(at).hasSize(seenCidr.size());
      assertThat(links.addresses(RoutePlanner.VXLAN_DEVICE)).as(at).containsExactly("10.42.0.0/32");
    } else {
      assertThat(links.link(RoutePlanner.VXLAN_DEVICE)).as(at).isEmpty();
    }
  }

  static String ip(Random r) { return "172.31.0." + (2 + r.nextInt(250)); }

  static String mac(Random r) {
    return String.format("02:%02x:%02x:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256));
  }
}
