package io.j8s.network.policy;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The policy packet tests' lab on the real kernel, no Kubernetes: a "node" namespace with bridge
 * {@code j8snp-br} (10.88.165.1/24, br_netfilter on so bridged traffic passes the inet hooks) and
 * "pods" as namespaces on veths {@code j8snpN}: web (.10, namespace a), friend (.11, a), client
 * (.20, b), other (.30, c) and outside (.40, no pod: an address for ipBlocks). Each answers its
 * name on TCP 80, 8080, 9000 and 9001 (busybox nc) and echoes on TCP 7000 (python). Every link
 * lives in these private namespaces, which {@link #close()} deletes.
 */
final class PolicyLab implements AutoCloseable {
  static final ProcessRunner SH = new ProcessRunner();
  static final String NET = "10.88.165.";
  static final List<String> NAMES = List.of("web", "friend", "client", "other", "outside");
  static final List<Integer> HOSTS = List.of(10, 11, 20, 30, 40);
  static final List<Integer> PORTS = List.of(80, 8080, 9000, 9001);
  static final String ECHO = "import socket,threading\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
      + "s.bind(('0.0.0.0',7000))\ns.listen(16)\ndef h(c):\n  while True:\n    d=c.recv(100)\n    if not d: return\n    c.sendall(d)\n"
      + "while True:\n  c,a=s.accept()\n  threading.Thread(target=h,args=(c,),daemon=True).start()\n";

  final String node;
  private final String id = Long.toString(ProcessHandle.current().pid());
  private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

  PolicyLab() {
    node = "j8snp-node-" + id;
  }

  String ns(String name) { return "j8snp-" + name + "-" + id; }

  static String ip(String name) { return NET + HOSTS.get(NAMES.indexOf(name)); }

  List<String> inNode() { return List.of("ip", "netns", "exec", node); }

  void start() throws Exception {
    sh("ip", "netns", "add", node);
    sh("ip", "-n", node, "link", "set", "lo", "up");
    sh("ip", "-n", node, "link", "add", "j8snp-br", "type", "bridge");
    sh("ip", "-n", node, "addr", "add", NET + "1/24", "dev", "j8snp-br");
    sh("ip", "-n", node, "link", "set", "j8snp-br", "up");
    sh("ip", "netns", "exec", node, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    sh("ip", "netns", "exec", node, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1");
    for (int i = 0; i < NAMES.size(); i++) {
      String ns = ns(NAMES.get(i));
      sh("ip", "netns", "add", ns);
      sh("ip", "-n", ns, "link", "set", "lo", "up");
      sh("ip", "-n", node, "link", "add", "j8snp" + i, "type", "veth", "peer", "name", "eth0", "netns", ns);
      sh("ip", "-n", node, "link", "set", "j8snp" + i, "master", "j8snp-br", "up");
      sh("ip", "-n", ns, "addr", "add", NET + HOSTS.get(i) + "/24", "dev", "eth0");
      sh("ip", "-n", ns, "link", "set", "eth0", "up");
      sh("ip", "-n", ns, "route", "add", "default", "via", NET + "1");
      for (int port : PORTS) {
        processes.add(new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "nc", "-ll", "-p", Integer.toString(port), "-e", "echo",
            NAMES.get(i)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
      }
      processes.add(new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", ECHO).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    for (String n : NAMES) {
      for (int i = 0; i < 100 && !connect("web", n, 80).ok(); i++) Thread.sleep(100);
      if (!connect("web", n, 80).ok()) throw new IllegalStateException(n + " never answered");
    }
  }

  /** One TCP connection from pod {@code from} to pod {@code to}; stdout is the answering pod's name. */
  ProcessResult connect(String from, String to, int port) {
    return SH.run("ip", "netns", "exec", ns(from), "busybox", "timeout", "5", "busybox", "nc", "-w", "2", ip(to), Integer.toString(port));
  }

  boolean reaches(String from, String to, int port) {
    ProcessResult r = connect(from, to, port);
    return r.ok() && r.stdout().strip().equals(to);
  }

  /** As {@link #reaches}, with the connection's IP TOS byte set to {@code tos} (python3: busybox nc cannot set it). */
  boolean reachesWithTos(String from, String to, int port, int tos) {
    String script = "import socket\ns=socket.socket()\ns.setsockopt(socket.IPPROTO_IP,socket.IP_TOS," + tos + ")\ns.settimeout(2)\n"
        + "s.connect(('" + ip(to) + "'," + port + "))\nprint(s.recv(100).decode().strip())\n";
    ProcessResult r = SH.run("ip", "netns", "exec", ns(from), "busybox", "timeout", "5", "python3", "-c", script);
    return r.ok() && r.stdout().strip().equals(to);
  }

  /**
   * Whether a UDP datagram the node sends with {@code from}'s address as its source reaches
   * {@code to}: the path IPVS gives a pod's packet once it picked the endpoint (sent on through the
   * node's output hook, the pod's address kept). Bound with IP_FREEBIND (python3).
   */
  boolean nodeSendsAs(String from, String to) throws Exception {
    Process rx = new ProcessBuilder("ip", "netns", "exec", ns(to), "python3", "-c", "import socket\n"
        + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',9999))\nprint('ready',flush=True)\ns.settimeout(3)\n"
        + "try:\n  print(s.recv(100).decode(),flush=True)\nexcept Exception:\n  print('nothing',flush=True)\n").redirectErrorStream(true).start();
    processes.add(rx);
    BufferedReader out = new BufferedReader(new InputStreamReader(rx.getInputStream()));
    if (!"ready".equals(out.readLine())) throw new IllegalStateException("the UDP receiver in " + to + " did not start");
    SH.run("ip", "netns", "exec", node, "python3", "-c", "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
        + "s.setsockopt(socket.SOL_IP,19,1)\ns.bind(('" + ip(from) + "',0))\n"
        + "try:\n  s.sendto(b'hello',('" + ip(to) + "',9999))\nexcept PermissionError:\n  pass\n").orThrow(); // EPERM: dropped at output
    String got = out.readLine();
    rx.waitFor();
    return "hello".equals(got);
  }

  /** Whether one ping from pod {@code from} to {@code ip} is answered. */
  boolean pings(String from, String ip) {
    return SH.run("ip", "netns", "exec", ns(from), "busybox", "ping", "-c", "1", "-W", "1", ip).ok();
  }

  /** Which of the pods' {@code port}s {@code from} reaches, by name. */
  Map<String, Boolean> reach(String from, String to, int... ports) {
    Map<String, Boolean> m = new java.util.TreeMap<>();
    for (int p : ports) m.put(to + ":" + p, reaches(from, to, p));
    return m;
  }

  /**
   * A long-lived TCP connection from {@code from} to {@code to}:7000 that sends a byte every 200 ms
   * and prints {@code ok} for each echo, or the failure; lines arrive in {@link Conversation#lines()}.
   */
  Conversation converse(String from, String to) throws IOException {
    String script = "import socket,time\ns=socket.create_connection(('" + ip(to) + "',7000),timeout=3)\ns.settimeout(1)\n"
        + "while True:\n  try:\n    s.sendall(b'x')\n    d=s.recv(1)\n    print('ok' if d else 'closed',flush=True)\n"
        + "  except Exception as e:\n    print('fail',type(e).__name__,flush=True)\n  time.sleep(0.2)\n";
    Process p = new ProcessBuilder("ip", "netns", "exec", ns(from), "python3", "-c", script).redirectErrorStream(true).start();
    processes.add(p);
    Conversation c = new Conversation(p, Collections.synchronizedList(new ArrayList<>()));
    Thread.ofVirtual().start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
        for (String l; (l = r.readLine()) != null; ) c.lines().add(l);
      } catch (IOException e) {
        c.lines().add("reader: " + e);
      }
    });
    return c;
  }

  record Conversation(Process process, List<String> lines) {
    int size() { return lines.size(); }

    /** The lines from index {@code from} on. */
    List<String> since(int from) {
      synchronized (lines) {
        return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
      }
    }
  }

  static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }

  @Override public void close() {
    for (Process p : processes) p.destroyForcibly();
    for (String n : NAMES) {
      SH.run("ip", "netns", "pids", ns(n)).stdout().lines().forEach(p -> SH.run("kill", "-9", p));
      SH.run("ip", "netns", "del", ns(n));
    }
    SH.run("ip", "netns", "del", node);
  }
}
