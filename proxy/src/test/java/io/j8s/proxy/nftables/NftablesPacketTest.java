package io.j8s.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rendered table on the real kernel, no Kubernetes: a "node" namespace with a bridge, three
 * backend namespaces on it (busybox nc answering its own name on port 80) and a client namespace
 * as another host. Subnet 10.88.151.0/24 (node .1, backends .11-.13, client .20), service IPs in
 * 10.96.151.0/24; every link lives inside these private namespaces, which are deleted afterwards.
 */
@Tag("integration")
class NftablesPacketTest {
  static final String ID = Long.toString(ProcessHandle.current().pid());
  static final String NODE = "j8snft-node-" + ID;
  static final String CLIENT = "j8snft-client-" + ID;
  static final List<String> BACKENDS = List.of("j8snft-b1-" + ID, "j8snft-b2-" + ID, "j8snft-b3-" + ID);
  static final List<String> BACKEND_IPS = List.of("10.88.151.11", "10.88.151.12", "10.88.151.13");
  static final String NODE_IP = "10.88.151.1";
  static final ProcessRunner SH = new ProcessRunner();
  static final NftablesConfig CFG = NftablesConfig.of("node", List.of(NODE_IP), "10.88.151.0/24");
  static final List<String> IN_NODE = List.of("ip", "netns", "exec", NODE);

  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName STICKY = ServicePortName.of("ns", "sticky", "http", "TCP");
  static final ServicePortName EMPTY = ServicePortName.of("ns", "empty", "http", "TCP");
  static final ServicePort WEB_PORT = ServicePort.clusterIP(WEB, "10.96.151.10", 80).withNodePort(30080);
  static final ServicePort STICKY_PORT = ServicePort.clusterIP(STICKY, "10.96.151.11", 80).withAffinity(600);
  static final ServicePort EMPTY_PORT = ServicePort.clusterIP(EMPTY, "10.96.151.12", 80).withNodePort(30082);

  static NftablesProxier proxier;

  static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }

  @BeforeAll static void lab() throws Exception {
    sh("ip", "netns", "add", NODE);
    sh("ip", "-n", NODE, "link", "set", "lo", "up");
    sh("ip", "-n", NODE, "link", "add", "nftbr0", "type", "bridge");
    sh("ip", "-n", NODE, "addr", "add", NODE_IP + "/24", "dev", "nftbr0");
    sh("ip", "-n", NODE, "link", "set", "nftbr0", "up");
    sh("ip", "-n", NODE, "route", "add", "10.96.151.0/24", "dev", "nftbr0");
    SH.run("ip", "netns", "exec", NODE, "sysctl", "-qw", "net.ipv4.ip_forward=1").orThrow();
    for (int i = 0; i < 3; i++) attach(BACKENDS.get(i), BACKEND_IPS.get(i), "nftv" + i);
    attach(CLIENT, "10.88.151.20", "nftvc");
    for (int i = 0; i < 3; i++) {
      new ProcessBuilder("ip", "netns", "exec", BACKENDS.get(i), "busybox", "nc", "-ll", "-p", "80", "-e", "echo", "b" + (i + 1))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
    for (String ip : BACKEND_IPS) waitFor(NODE, ip, 80);
    proxier = new NftablesProxier(new NftCommand(IN_NODE), CFG);
    proxier.sync(state(List.of(0, 1, 2)), Set.of(), true);
  }

  static void attach(String ns, String ip, String link) {
    sh("ip", "netns", "add", ns);
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    sh("ip", "-n", NODE, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns);
    sh("ip", "-n", NODE, "link", "set", link, "master", "nftbr0", "up");
    sh("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
    sh("ip", "-n", ns, "link", "set", "eth0", "up");
    sh("ip", "-n", ns, "route", "add", "default", "via", NODE_IP);
  }

  @AfterAll static void teardown() {
    for (String ns : BACKENDS) SH.run("ip", "netns", "pids", ns).stdout().lines().forEach(p -> SH.run("kill", p));
    for (String ns : BACKENDS) SH.run("ip", "netns", "del", ns);
    SH.run("ip", "netns", "del", CLIENT);
    SH.run("ip", "netns", "del", NODE);
  }

  static ProxyState state(List<Integer> webBackends) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>(Map.of(WEB, WEB_PORT, STICKY, STICKY_PORT, EMPTY, EMPTY_PORT));
    List<Endpoint> web = webBackends.stream().map(i -> Endpoint.ready(BACKEND_IPS.get(i), 80, "node")).toList();
    List<Endpoint> all = BACKEND_IPS.stream().map(ip -> Endpoint.ready(ip, 80, "node")).toList();
    return ProxyState.of(svcs, Map.of(WEB, web, STICKY, all));
  }

  static void waitFor(String ns, String ip, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (connect(ns, ip, port).ok()) return;
      Thread.sleep(100);
    }
    throw new AssertionError("backend " + ip + ":" + port + " never answered");
  }

  static ProcessResult connect(String ns, String ip, int port) {
    return SH.run("ip", "netns", "exec", ns, "busybox", "timeout", "10", "busybox", "nc", "-w", "5", ip, Integer.toString(port));
  }

  /** Which backend answered each of {@code n} new connections. */
  static Map<String, Integer> spread(String ns, String ip, int port, int n) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ProcessResult r = connect(ns, ip, port);
      counts.merge(r.ok() ? r.stdout().strip() : "error: " + r.stderr().strip(), 1, Integer::sum);
    }
    return counts;
  }

  @Test void clusterIPSpreadsOverThreeBackends() {
    Map<String, Integer> c = spread(NODE, "10.96.151.10", 80, 60);
    assertThat(c).containsOnlyKeys("b1", "b2", "b3");
    assertThat(c.values()).allMatch(n -> n >= 5);
  }

  @Test void nodePortFromAnotherHostAndFromTheNode() {
    Map<String, Integer> other = spread(CLIENT, NODE_IP, 30080, 30);
    assertThat(other.keySet()).as("from another host").isSubsetOf("b1", "b2", "b3").hasSizeGreaterThan(1);
    assertThat(spread(NODE, NODE_IP, 30080, 10).keySet()).as("from the node").isSubsetOf("b1", "b2", "b3");
  }

  @Test void clientIPAffinityPins() {
    Map<String, Integer> c = spread(NODE, "10.96.151.11", 80, 20);
    assertThat(c).hasSize(1);
    assertThat(c.keySet()).isSubsetOf("b1", "b2", "b3");
  }

  @Test void serviceWithoutEndpointsIsRefusedAtOnce() {
    ProcessResult r = connect(NODE, "10.96.151.12", 80);
    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).containsIgnoringCase("refused");
    ProcessResult np = connect(CLIENT, NODE_IP, 30082);
    assertThat(np.ok()).isFalse();
    assertThat(np.stderr()).containsIgnoringCase("refused");
  }

  @Test void removingAnEndpointStopsNewConnectionsAfterAPartialSync() throws Exception {
    try {
      proxier.sync(state(List.of(0, 2)), Set.of(new ServiceRef("ns", "web")), false);
      assertThat(proxier.lastScript()).doesNotContain("table");
      assertThat(spread(NODE, "10.96.151.10", 80, 30)).containsOnlyKeys("b1", "b3");
    } finally {
      proxier.sync(state(List.of(0, 1, 2)), Set.of(new ServiceRef("ns", "web")), false);
    }
    assertThat(spread(NODE, "10.96.151.10", 80, 60)).containsOnlyKeys("b1", "b2", "b3");
  }

  @Test void roundRobinSpreadsEvenly() throws Exception {
    NftablesProxier rr = new NftablesProxier(new NftCommand(IN_NODE), CFG.withRoundRobin(true));
    try {
      rr.sync(state(List.of(0, 1, 2)), Set.of(), true);
      assertThat(spread(NODE, "10.96.151.10", 80, 30)).containsExactlyInAnyOrderEntriesOf(Map.of("b1", 10, "b2", 10, "b3", 10));
    } finally {
      proxier.sync(state(List.of(0, 1, 2)), Set.of(), true);
    }
  }

  @Test void cleanupDeletesTheTable() throws Exception {
    NftablesProxier other = new NftablesProxier(new NftCommand(IN_NODE), CFG);
    try {
      other.cleanup();
      assertThat(new NftCommand(IN_NODE).list(NftablesProxier.TABLE)).isEmpty();
      assertThat(connect(NODE, "10.96.151.10", 80).ok()).isFalse();
    } finally {
      proxier.sync(state(List.of(0, 1, 2)), Set.of(), true);
    }
  }
}
