package io.j8s.bench;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.conntrack.ConntrackCommand;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.network.policy.PolicyApplier;
import io.j8s.network.policy.PolicyCompiler;
import io.j8s.network.policy.PolicyPod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy enforcement cost on the real kernel: two pod namespaces (server 10.88.167.10,
 * client 10.88.167.20, veths {@code j8snpb0/1}) on a bridge in a node namespace with br_netfilter,
 * so each new connection is bridged through the forward hook as between two pods on one node. A
 * client JVM in the client namespace opens and closes TCP connections to a server JVM in the
 * server namespace one after another for a fixed time: connections per second and connect()
 * latency p50/p99. Cases: no policy table at all; the table with no policy; 100 and 1,000 policies
 * in the server's namespace, all selecting the server, one allowing the client by podSelector on
 * port 8080, the others allowing /32 ipBlocks that are not the client on ten other ports (so the
 * server's chain has eleven rules, the client's the last). Also the time to compile and write the
 * table (compile, then render + {@code nft -f} + conntrack cut). The cases run interleaved, {@code
 * rounds} times, and the table shows the median and each run (the machine is shared).
 *
 * <p>Usage: {@code PolicyBench [--seconds 5] [--rounds 3] [--policies 0,100,1000]}
 */
public final class PolicyBench {
  static final ProcessRunner SH = new ProcessRunner();
  static final String NET = "10.88.167.";
  static final String SERVER = NET + "10";
  static final String CLIENT = NET + "20";
  static final int PORT = 8080;
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  final String id = Long.toString(ProcessHandle.current().pid());
  final String node = "j8snpb-node-" + id;
  final String server = "j8snpb-server-" + id;
  final String client = "j8snpb-client-" + id;
  int seconds = 5;
  int rounds = 3;
  List<Integer> counts = List.of(0, 100, 1000);

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      serve(args[1], Integer.parseInt(args[2]));
      return;
    }
    if (args.length > 0 && args[0].equals("connect")) {
      connect(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    PolicyBench b = new PolicyBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> b.seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
        case "--policies" -> b.counts = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --seconds 5 --rounds 3 --policies 0,100,1000");
      }
    }
    b.run();
    System.exit(0);
  }

  /** Server side (in the server namespace): accepts and closes. */
  static void serve(String ip, int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(ip, port), 4096);
      System.out.println("listening");
      while (true) s.accept().close();
    }
  }

  /** Client side (in the client namespace): connects for {@code seconds}, prints count, p50 and p99 in microseconds. */
  static void connect(String ip, int port, int seconds) throws IOException {
    for (int i = 0; i < 200; i++) once(ip, port); // warm-up
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[] lat = new long[1 << 20];
    int n = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < end && n < lat.length) lat[n++] = once(ip, port);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    Stats st = new Stats(Arrays.copyOf(lat, n));
    System.out.printf("%d %.1f %.1f %.1f%n", n, n / elapsed, st.percentileMillis(50) * 1000, st.percentileMillis(99) * 1000);
  }

  static long once(String ip, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.setSoLinger(true, 0); // RST on close: no TIME_WAIT piling up in the client namespace
      long t = System.nanoTime();
      s.connect(new InetSocketAddress(ip, port), 2000);
      return System.nanoTime() - t;
    }
  }

  void run() throws Exception {
    Process srv = null;
    try {
      lab();
      String java = ProcessHandle.current().info().command().orElse("java");
      String cp = System.getProperty("java.class.path");
      srv = new ProcessBuilder("ip", "netns", "exec", server, java, "-cp", cp, PolicyBench.class.getName(), "serve", SERVER, "" + PORT)
          .redirectErrorStream(true).start();
      String first = new java.io.BufferedReader(new java.io.InputStreamReader(srv.getInputStream())).readLine();
      if (!"listening".equals(first)) throw new IllegalStateException("server: " + first);
      System.out.println("nft " + SH.run("nft", "--version").stdout().strip() + ", kernel " + SH.run("uname", "-r").stdout().strip() + ", "
          + Runtime.getRuntime().availableProcessors() + " cpus, load " + SH.run("cat", "/proc/loadavg").stdout().strip());
      PolicyApplier applier = new PolicyApplier(new NftCommand(List.of("ip", "netns", "exec", node)),
          new ConntrackCommand(List.of("ip", "netns", "exec", node)));
      List<Integer> cases = new ArrayList<>();
      cases.add(-1); // no table
      cases.addAll(counts);
      Map<Integer, List<NetworkPolicy>> sets = new java.util.HashMap<>();
      for (int n : counts) sets.put(n, policies(n));
      Map<Integer, List<String[]>> results = new java.util.TreeMap<>();
      Map<Integer, String> writes = new java.util.TreeMap<>();
      Map<Integer, Long> rules = new java.util.TreeMap<>();
      // rounds interleave the cases, so a change in the machine's load hits all of them alike
      for (int round = 0; round < rounds; round++) {
        for (int n : cases) {
          if (n < 0) {
            applier.cleanup();
          } else {
            long t0 = System.nanoTime();
            var desired = PolicyCompiler.compile(sets.get(n), pods(), Map.of(), "node");
            long t1 = System.nanoTime();
            PolicyApplier.Result r = applier.apply(desired);
            long t2 = System.nanoTime();
            writes.put(n, (t1 - t0) / 1_000_000 + " + " + (t2 - t1) / 1_000_000);
            rules.put(n, r.rules());
          }
          results.computeIfAbsent(n, k -> new ArrayList<>()).add(measure(java, cp));
        }
      }
      System.out.println();
      System.out.printf("%-17s %-16s %-10s %-22s %-22s %-22s%n", "case", "compile+write ms", "pod rules", "connects/s (runs)",
          "connect p50 us", "connect p99 us");
      for (int n : cases) {
        List<String[]> rs = results.get(n);
        System.out.printf("%-17s %-16s %-10s %-22s %-22s %-22s%n", n < 0 ? "no policy table" : n + " policies",
            n < 0 ? "-" : writes.get(n), n < 0 ? "-" : rules.get(n), summary(rs, 1), summary(rs, 2), summary(rs, 3));
      }
      System.out.println("load after: " + SH.run("cat", "/proc/loadavg").stdout().strip());
    } finally {
      if (srv != null) srv.destroyForcibly();
      SH.run("ip", "netns", "del", client);
      SH.run("ip", "netns", "del", server);
      SH.run("ip", "netns", "del", node);
    }
  }

  /** The median of column {@code col} over the runs, then every run's value. */
  static String summary(List<String[]> runs, int col) {
    double[] v = runs.stream().mapToDouble(r -> Double.parseDouble(r[col])).sorted().toArray();
    String all = String.join("/", runs.stream().map(r -> String.format("%.0f", Double.parseDouble(r[col]))).toList());
    return String.format("%.0f (%s)", v[v.length / 2], all);
  }

  String[] measure(String java, String cp) {
    ProcessResult r = SH.run("ip", "netns", "exec", client, java, "-cp", cp, PolicyBench.class.getName(), "connect", SERVER, "" + PORT,
        "" + seconds);
    if (!r.ok()) throw new IllegalStateException("client: " + r.stderr() + r.stdout());
    String[] lines = r.stdout().strip().split("\n");
    return lines[lines.length - 1].trim().split(" ");
  }

  static List<PolicyPod> pods() {
    return List.of(new PolicyPod("bench", "server", Map.of("app", "server"), SERVER, "node", List.of()),
        new PolicyPod("bench", "client", Map.of("app", "client"), CLIENT, "node", List.of()));
  }

  static List<NetworkPolicy> policies(int n) {
    List<NetworkPolicy> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String rule = i == 0 ? "{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: " + PORT + "}]}"
          : "{from: [{ipBlock: {cidr: 172.16." + (i / 250) + "." + (i % 250 + 1) + "/32}}], ports: [{port: " + (1000 + i % 10) + "}]}";
      out.add(JSON.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p" + i + ", namespace: bench}\n"
          + "spec:\n  podSelector: {matchLabels: {app: server}}\n  ingress: [" + rule + "]\n", NetworkPolicy.class));
    }
    return out;
  }

  void lab() {
    sh("ip", "netns", "add", node);
    sh("ip", "-n", node, "link", "set", "lo", "up");
    sh("ip", "-n", node, "link", "add", "j8snpb-br", "type", "bridge");
    sh("ip", "-n", node, "addr", "add", NET + "1/24", "dev", "j8snpb-br");
    sh("ip", "-n", node, "link", "set", "j8snpb-br", "up");
    sh("ip", "netns", "exec", node, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1");
    int i = 0;
    for (String[] p : new String[][] {{server, SERVER}, {client, CLIENT}}) {
      sh("ip", "netns", "add", p[0]);
      sh("ip", "-n", p[0], "link", "set", "lo", "up");
      sh("ip", "-n", node, "link", "add", "j8snpb" + i, "type", "veth", "peer", "name", "eth0", "netns", p[0]);
      sh("ip", "-n", node, "link", "set", "j8snpb" + i, "master", "j8snpb-br", "up");
      sh("ip", "-n", p[0], "addr", "add", p[1] + "/24", "dev", "eth0");
      sh("ip", "-n", p[0], "link", "set", "eth0", "up");
      i++;
    }
    // connection tracking on in the node namespace in every case (kube-proxy's rules would need it anyway)
    sh("ip", "netns", "exec", node, "nft", "add table inet j8snpb-ct; add chain inet j8snpb-ct f { type filter hook forward priority 10 ; }; "
        + "add rule inet j8snpb-ct f ct state new counter");
  }

  static void sh(String... cmd) {
    SH.run(cmd).orThrow();
  }
}
