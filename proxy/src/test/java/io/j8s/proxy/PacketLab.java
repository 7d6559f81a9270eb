package io.j8s.proxy;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packet tests' lab on the real kernel, no Kubernetes: a "node" namespace with a bridge, three
 * backend namespaces on it (busybox nc answering its own name, b1-b3, on port 80) and a client
 * namespace as another host. Subnet 10.88.X.0/24 (node .1, backends .11-.13, client .20), service
 * IPs in 10.96.X.0/24, three Services (web with NodePort 30080, sticky with ClientIP affinity,
 * empty with NodePort 30082 and no endpoints). Every link lives inside these private namespaces,
 * which {@link #close()} deletes. Each mode's test uses its own X and name tag.
 */
public final class PacketLab implements AutoCloseable {
  static final ProcessRunner SH = new ProcessRunner();

  public final String node;
  public final String client;
  public final List<String> backends;
  public final List<String> backendIps;
  public final String nodeIp;
  public final String clusterCidr;
  public final ServicePortName web = ServicePortName.of("ns", "web", "http", "TCP");
  public final ServicePortName sticky = ServicePortName.of("ns", "sticky", "http", "TCP");
  public final ServicePortName empty = ServicePortName.of("ns", "empty", "http", "TCP");
  public final ServicePortName dns = ServicePortName.of("ns", "dns", "dns", "UDP");
  private final String net;
  private final String serviceNet;

  private PacketLab(String tag, int octet) {
    String id = Long.toString(ProcessHandle.current().pid());
    this.node = tag + "-node-" + id;
    this.client = tag + "-client-" + id;
    this.backends = List.of(tag + "-b1-" + id, tag + "-b2-" + id, tag + "-b3-" + id);
    this.net = "10.88." + octet;
    this.serviceNet = "10.96." + octet;
    this.backendIps = List.of(net + ".11", net + ".12", net + ".13");
    this.nodeIp = net + ".1";
    this.clusterCidr = net + ".0/24";
  }

  /** Builds the namespaces and starts the backends; returns once each backend answers. */
  public static PacketLab start(String tag, int octet) throws Exception {
    PacketLab lab = new PacketLab(tag, octet);
    lab.build();
    return lab;
  }

  /** The command prefix that runs a tool in the node namespace. */
  public List<String> inNode() { return List.of("ip", "netns", "exec", node); }

  /** Address {@code n} of the service range: 10 web, 11 sticky, 12 empty, 13 dns (UDP 53 to the backends' 5353). */
  public String serviceIp(int n) { return serviceNet + "." + n; }

  private void build() throws Exception {
    sh("ip", "netns", "add", node);
    sh("ip", "-n", node, "link", "set", "lo", "up");
    sh("ip", "-n", node, "link", "add", "br0", "type", "bridge");
    sh("ip", "-n", node, "addr", "add", nodeIp + "/24", "dev", "br0");
    sh("ip", "-n", node, "link", "set", "br0", "up");
    sh("ip", "-n", node, "route", "add", serviceNet + ".0/24", "dev", "br0");
    sh("ip", "netns", "exec", node, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    for (int i = 0; i < 3; i++) attach(backends.get(i), backendIps.get(i), "v" + i);
    attach(client, net + ".20", "vc");
    for (int i = 0; i < 3; i++) {
      new ProcessBuilder("ip", "netns", "exec", backends.get(i), "busybox", "nc", "-ll", "-p", "80", "-e", "echo", "b" + (i + 1))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      new ProcessBuilder("ip", "netns", "exec", backends.get(i), "python3", "-c", "import socket\n"
          + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',5353))\nwhile True:\n  d,a=s.recvfrom(512)\n"
          + "  s.sendto(b'b" + (i + 1) + "',a)\n").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
    for (String ip : backendIps) waitFor(node, ip, 80);
  }

  private void attach(String ns, String ip, String link) {
    sh("ip", "netns", "add", ns);
    sh("ip", "-n", ns, "link", "set", "lo", "up");
    sh("ip", "-n", node, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns);
    sh("ip", "-n", node, "link", "set", link, "master", "br0", "up");
    sh("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
    sh("ip", "-n", ns, "link", "set", "eth0", "up");
    sh("ip", "-n", ns, "route", "add", "default", "via", nodeIp);
  }

  public static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }

  /** The three Services, web served by the backends numbered in {@code webBackends}, sticky by all three. */
  public ProxyState state(List<Integer> webBackends) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>(Map.of(
        web, ServicePort.clusterIP(web, serviceIp(10), 80).withNodePort(30080),
        sticky, ServicePort.clusterIP(sticky, serviceIp(11), 80).withAffinity(600),
        empty, ServicePort.clusterIP(empty, serviceIp(12), 80).withNodePort(30082),
        dns, ServicePort.clusterIP(dns, serviceIp(13), 53)));
    List<Endpoint> w = webBackends.stream().map(i -> Endpoint.ready(backendIps.get(i), 80, "node")).toList();
    List<Endpoint> all = backendIps.stream().map(ip -> Endpoint.ready(ip, 80, "node")).toList();
    List<Endpoint> resolvers = backendIps.stream().map(ip -> Endpoint.ready(ip, 5353, "node")).toList();
    return ProxyState.of(svcs, Map.of(web, w, sticky, all, dns, resolvers));
  }

  public static void waitFor(String ns, String ip, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (connect(ns, ip, port).ok()) return;
      Thread.sleep(100);
    }
    throw new AssertionError("backend " + ip + ":" + port + " never answered");
  }

  /** One TCP connection from namespace {@code ns}; stdout is the answering backend's name. */
  public static ProcessResult connect(String ns, String ip, int port) {
    return SH.run("ip", "netns", "exec", ns, "busybox", "timeout", "10", "busybox", "nc", "-w", "5", ip, Integer.toString(port));
  }

  /** Which backend answered each of {@code n} UDP datagrams, each from a new socket (a new flow). */
  public static Map<String, Integer> udpSpread(String ns, String ip, int port, int n) {
    String script = "import socket\nfor i in range(" + n + "):\n  s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n  s.settimeout(2)\n"
        + "  s.sendto(b'q',('" + ip + "'," + port + "))\n  try:\n    print(s.recv(64).decode())\n  except Exception as e:\n"
        + "    print('error: '+type(e).__name__)\n  s.close()\n";
    Map<String, Integer> counts = new TreeMap<>();
    SH.run("ip", "netns", "exec", ns, "python3", "-c", script).stdout().lines().forEach(l -> counts.merge(l.strip(), 1, Integer::sum));
    return counts;
  }

  /** Which backend answered each of {@code n} new connections. */
  public static Map<String, Integer> spread(String ns, String ip, int port, int n) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ProcessResult r = connect(ns, ip, port);
      counts.merge(r.ok() ? r.stdout().strip() : "error: " + r.stderr().strip(), 1, Integer::sum);
    }
    return counts;
  }

  @Override public void close() {
    for (String ns : backends) SH.run("ip", "netns", "pids", ns).stdout().lines().forEach(p -> SH.run("kill", p));
    for (String ns : backends) SH.run("ip", "netns", "del", ns);
    SH.run("ip", "netns", "del", client);
    SH.run("ip", "netns", "del", node);
  }
}
