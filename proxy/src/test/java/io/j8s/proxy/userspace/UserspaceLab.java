package io.j8s.proxy.userspace;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The userspace mode's packet lab on the real kernel, no Kubernetes. Unlike the kernel modes'
 * PacketLab, the node is the test's own network namespace (the proxy's listeners live in this
 * JVM): a bridge {@code j8sus0} with 10.88.180.1/24, three backend namespaces on it (.11-.13,
 * busybox nc answering its own name, b1-b3, on port 80) and a client namespace (.20) as another
 * host; service IPs 10.96.180.0/24 routed to the bridge; NodePorts 31880 (web) and 31882 (empty)
 * so no other test's rules meet ours. {@link #close()} deletes the namespaces and the bridge.
 */
final class UserspaceLab implements AutoCloseable {
  static final ProcessRunner SH = new ProcessRunner();
  static final String BRIDGE = "j8sus0";
  static final String NET = "10.88.180";
  static final String NODE_IP = NET + ".1";
  static final String DEAD_IP = NET + ".14"; // on the bridge, nobody there
  static final int WEB_NODE_PORT = 31880;
  static final int EMPTY_NODE_PORT = 31882;

  final String client;
  final List<String> backends;
  final List<String> backendIps = List.of(NET + ".11", NET + ".12", NET + ".13");
  final ServicePortName web = ServicePortName.of("ns", "web", "http", "TCP");
  final ServicePortName sticky = ServicePortName.of("ns", "sticky", "http", "TCP");
  final ServicePortName empty = ServicePortName.of("ns", "empty", "http", "TCP");
  final ServicePortName dead = ServicePortName.of("ns", "dead", "http", "TCP");

  private UserspaceLab() {
    String id = Long.toString(ProcessHandle.current().pid());
    this.client = "j8sus-client-" + id;
    this.backends = List.of("j8sus-b1-" + id, "j8sus-b2-" + id, "j8sus-b3-" + id);
  }

  static UserspaceLab start() throws Exception {
    UserspaceLab lab = new UserspaceLab();
    try {
      lab.build();
    } catch (Exception | AssertionError e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** Address {@code n} of the service range: 10 web, 11 sticky, 12 empty, 13 dead. */
  static String serviceIp(int n) {
    return "10.96.180." + n;
  }

  private void build() throws Exception {
    SH.run("ip", "link", "set", "lo", "up");
    sh("ip", "link", "add", BRIDGE, "type", "bridge");
    sh("ip", "addr", "add", NODE_IP + "/24", "dev", BRIDGE);
    sh("ip", "link", "set", BRIDGE, "up");
    sh("ip", "route", "add", "10.96.180.0/24", "dev", BRIDGE);
    // a node forwards (every CNI sets it): a ClusterIP without endpoints is rejected in FORWARD
    sh("sysctl", "-qw", "net.ipv4.ip_forward=1");
    // service IPs are routed back out of the bridge the client is on: without this the kernel sends the
    // client an ICMP redirect (before the FORWARD hook), and its first SYN to a rejected ClusterIP goes astray
    sh("sysctl", "-qw", "net.ipv4.conf.all.send_redirects=0");
    sh("sysctl", "-qw", "net.ipv4.conf." + BRIDGE + ".send_redirects=0");
    for (int i = 0; i < 3; i++) attach(backends.get(i), backendIps.get(i), "j8susv" + i);
    attach(client, NET + ".20", "j8susvc");
    for (int i = 0; i < 3; i++) {
      new ProcessBuilder("ip", "netns", "exec", backends.get(i), "busybox", "nc", "-ll", "-p", "80", "-e", "echo", "b" + (i + 1))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
    for (String ip : backendIps) waitFor(ip, 80);
  }

  private void attach(String ns, String ip, String link) {
    sh("ip", "netns", "add", ns);
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    sh("ip", "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns);
    sh("ip", "link", "set", link, "master", BRIDGE, "up");
    sh("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
    sh("ip", "-n", ns, "link", "set", "eth0", "up");
    sh("ip", "-n", ns, "route", "add", "default", "via", NODE_IP);
  }

  static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }

  /** The four Services: web (NodePort) by the backends numbered in {@code webBackends}, sticky (ClientIP) by all three, empty (NodePort) by none, dead by an address where nothing listens. */
  ProxyState state(List<Integer> webBackends) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>(Map.of(
        web, ServicePort.clusterIP(web, serviceIp(10), 80).withNodePort(WEB_NODE_PORT),
        sticky, ServicePort.clusterIP(sticky, serviceIp(11), 80).withAffinity(600),
        empty, ServicePort.clusterIP(empty, serviceIp(12), 80).withNodePort(EMPTY_NODE_PORT),
        dead, ServicePort.clusterIP(dead, serviceIp(13), 80)));
    List<Endpoint> w = new ArrayList<>();
    for (int i : webBackends) w.add(Endpoint.ready(backendIps.get(i), 80, "node"));
    List<Endpoint> all = backendIps.stream().map(ip -> Endpoint.ready(ip, 80, "node")).toList();
    return ProxyState.of(svcs, Map.of(web, w, sticky, all, dead, List.of(Endpoint.ready(DEAD_IP, 80, "node"))));
  }

  void waitFor(String ip, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (connect(null, ip, port).ok()) return;
      Thread.sleep(100);
    }
    throw new AssertionError("backend " + ip + ":" + port + " never answered");
  }

  /** One TCP connection from namespace {@code ns} (null: the node, this namespace); stdout is the answering backend's name. */
  static ProcessResult connect(String ns, String ip, int port) {
    List<String> cmd = new ArrayList<>();
    if (ns != null) cmd.addAll(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of("busybox", "timeout", "10", "busybox", "nc", "-w", "5", ip, Integer.toString(port)));
    return SH.run(cmd);
  }

  /** Which backend answered each of {@code n} new connections. */
  static Map<String, Integer> spread(String ns, String ip, int port, int n) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ProcessResult r = connect(ns, ip, port);
      counts.merge(r.ok() && !r.stdout().isBlank() ? r.stdout().strip()
          : "error (exit " + r.exitCode() + ", out '" + r.stdout().strip() + "'): " + r.stderr().strip(), 1, Integer::sum);
    }
    return counts;
  }

  @Override public void close() {
    for (String ns : backends) SH.run("ip", "netns", "pids", ns).stdout().lines().forEach(p -> SH.run("kill", p));
    for (String ns : backends) SH.run("ip", "netns", "del", ns);
    SH.run("ip", "netns", "del", client);
    SH.run("ip", "link", "del", BRIDGE);
  }
}
