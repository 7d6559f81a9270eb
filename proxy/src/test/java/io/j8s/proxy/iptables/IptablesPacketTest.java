package io.j8s.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.conntrack.ConntrackCommand;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
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
 * The rendered rules on the real kernel, no Kubernetes: a "node" namespace with a bridge, three
 * backend namespaces on it (busybox nc answering its own name on port 80) and a client namespace
 * as another host. Subnet 10.88.137.0/24 (node .1, backends .11-.13, client .20), service IPs in
 * 10.96.137.0/24; every link lives inside these private namespaces, which are deleted afterwards.
 */
@Tag("integration")
class IptablesPacketTest {
  static final String ID = Long.toString(ProcessHandle.current().pid());
  static final String NODE = "j8sp-node-" + ID;
  static final String CLIENT = "j8sp-client-" + ID;
  static final List<String> BACKENDS = List.of("j8sp-b1-" + ID, "j8sp-b2-" + ID, "j8sp-b3-" + ID);
  static final List<String> BACKEND_IPS = List.of("10.88.137.11", "10.88.137.12", "10.88.137.13");
  static final String NODE_IP = "10.88.137.1";
  static final ProcessRunner SH = new ProcessRunner();
  static final IptablesConfig CFG = IptablesConfig.of("node", List.of(NODE_IP), "10.88.137.0/24");

  static final ServicePortName WEB = ServicePortName.of("ns", "web", "http", "TCP");
  static final ServicePortName STICKY = ServicePortName.of("ns", "sticky", "http", "TCP");
  static final ServicePortName EMPTY = ServicePortName.of("ns", "empty", "http", "TCP");
  static final ServicePort WEB_PORT = ServicePort.clusterIP(WEB, "10.96.137.10", 80).withNodePort(30080);
  static final ServicePort STICKY_PORT = ServicePort.clusterIP(STICKY, "10.96.137.11", 80).withAffinity(600);
  static final ServicePort EMPTY_PORT = ServicePort.clusterIP(EMPTY, "10.96.137.12", 80).withNodePort(30082);

  static IptablesProxier proxier;

  static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }

  static void in(String ns, String... cmd) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of(cmd));
    SH.run(c).orThrow();
  }

  @BeforeAll static void lab() throws Exception {
    sh("ip", "netns", "add", NODE);
    sh("ip", "-n", NODE, "link", "set", "lo", "up");
    sh("ip", "-n", NODE, "link", "add", "br0", "type", "bridge");
    sh("ip", "-n", NODE, "addr", "add", NODE_IP + "/24", "dev", "br0");
    sh("ip", "-n", NODE, "link", "set", "br0", "up");
    sh("ip", "-n", NODE, "route", "add", "10.96.137.0/24", "dev", "br0");
    in(NODE, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    in(NODE, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1");
    for (int i = 0; i < 3; i++) attach(BACKENDS.get(i), BACKEND_IPS.get(i), "v" + i);
    attach(CLIENT, "10.88.137.20", "vc");
    for (int i = 0; i < 3; i++) {
      String ns = BACKENDS.get(i);
      new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "nc", "-ll", "-p", "80", "-e", "echo", "b" + (i + 1))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
    for (String ip : BACKEND_IPS) waitFor(NODE, ip, 80);
    proxier = new IptablesProxier(new IptablesCommand(List.of("ip", "netns", "exec", NODE)), CFG,
        new UdpConntrackCleaner(new ConntrackCommand(List.of("ip", "netns", "exec", NODE))));
    proxier.sync(state(List.of(0, 1, 2)), Set.of(), true);
  }

  static void attach(String ns, String ip, String link) {
    sh("ip", "netns", "add", ns);
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    sh("ip", "-n", NODE, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns);
    sh("ip", "-n", NODE, "link", "set", link, "master", "br0", "up");
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
    Map<String, Integer> c = spread(NODE, "10.96.137.10", 80, 60);
    assertThat(c).containsOnlyKeys("b1", "b2", "b3");
    assertThat(c.values()).allMatch(n -> n >= 5);
  }

  @Test void nodePortFromAnotherHostAndFromTheNode() {
    Map<String, Integer> other = spread(CLIENT, NODE_IP, 30080, 30);
    assertThat(other.keySet()).as("from another host").isSubsetOf("b1", "b2", "b3").hasSizeGreaterThan(1);
    assertThat(spread(NODE, NODE_IP, 30080, 10).keySet()).as("from the node").isSubsetOf("b1", "b2", "b3");
    assertThat(spread(NODE, "127.0.0.1", 30080, 10).keySet()).as("on localhost").isSubsetOf("b1", "b2", "b3");
  }

  @Test void clientIPAffinityPins() {
    Map<String, Integer> c = spread(NODE, "10.96.137.11", 80, 20);
    assertThat(c).hasSize(1);
    assertThat(c.keySet()).isSubsetOf("b1", "b2", "b3");
  }

  @Test void serviceWithoutEndpointsIsRefusedAtOnce() {
    ProcessResult r = connect(NODE, "10.96.137.12", 80);
    assertThat(r.ok()).isFalse();
    assertThat(r.stderr()).containsIgnoringCase("refused");
    ProcessResult np = connect(CLIENT, NODE_IP, 30082);
    assertThat(np.ok()).isFalse();
    assertThat(np.stderr()).containsIgnoringCase("refused");
  }

  @Test void removingAnEndpointStopsNewConnectionsAfterAPartialSync() throws Exception {
    try {
      proxier.sync(state(List.of(0, 2)), Set.of(new ServiceRef("ns", "web")), false);
      Map<String, Integer> c = spread(NODE, "10.96.137.10", 80, 30);
      assertThat(c).containsOnlyKeys("b1", "b3");
    } finally {
      proxier.sync(state(List.of(0, 1, 2)), Set.of(new ServiceRef("ns", "web")), false);
    }
    assertThat(spread(NODE, "10.96.137.10", 80, 60)).containsOnlyKeys("b1", "b2", "b3");
  }
}
