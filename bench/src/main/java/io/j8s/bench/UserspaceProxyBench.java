package io.j8s.bench;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.j8s.base.process.ProcessRunner;
import io.j8s.base.time.Clock;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.network.policy.PolicyCompiler;
import io.j8s.network.policy.PolicyPod;
import io.j8s.network.policy.PolicyVerdicts;
import io.j8s.proxy.ConnectionPolicy;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.userspace.UserspaceConfig;
import io.j8s.proxy.userspace.UserspaceProxier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The userspace proxy beside a direct connection to the backend (the physical limit) and HAProxy
 * (Debian's, a generated config, {@code mode tcp}, round-robin) doing the same job, with the same
 * load generator ({@link TcpLoad}) in the same run, in the network namespace it runs in (./j8s
 * bench runs it in a private one): a veth {@code j8susb0} with 10.88.181.1 (the node) and
 * three backends 10.88.181.11-13 (a sink on 8080, an echo on 8081); the Services' ClusterIPs
 * 10.96.181.10 (sink, port 80) and .11 (echo, port 81) reach the userspace proxy's listeners
 * through its real iptables DNAT (nat OUTPUT, the node's own traffic); HAProxy listens on
 * 10.88.181.1:9080 and 9081. For each target and round: throughput (MB/s written by
 * {@code --parallel} connections for {@code --seconds}), then the latency of 64-byte
 * request/response exchanges on persistent connections and with a new connection per request
 * (p50/p99 in microseconds and the rate), 4 clients each. The direct target spreads its
 * connections over the three backends as the proxies do. The proxy runs twice per round: with no
 * policy engine, and asking the verdicts of {@value #POLICIES} NetworkPolicies that select the
 * backends (each allowing one more /32, one allowing the node), as it does beside an agent that
 * enforces policies ({@code ConnectionPolicy}; its connections then also carry the relay's DSCP).
 * Odd rounds run the targets in the reverse order, so no target always follows the same one (the
 * TIME_WAIT sockets one target leaves slow the next one's new connections).
 *
 * <p>Usage: {@code UserspaceProxyBench [--seconds 5] [--parallel 8] [--rounds 2] [--threads cores]}.
 */
public final class UserspaceProxyBench {
  static final String NET = "10.88.181";
  static final String NODE = NET + ".1";
  static final List<String> BACKENDS = List.of(NET + ".11", NET + ".12", NET + ".13");
  static final ProcessRunner SH = new ProcessRunner();
  static final int POLICIES = 1000;

  /** The relay's policy, switched between targets (always "enforced", so the relay marks its connections in both). */
  static final class Switched implements ConnectionPolicy {
    volatile ConnectionPolicy now = ConnectionPolicy.OPEN;

    @Override public boolean allows(String client, String server, String protocol, int port) {
      return now.allows(client, server, protocol, port);
    }

    @Override public boolean enforced() { return true; }
  }

  record Row(String target, double mbps, TcpLoad.Latency persistent, TcpLoad.Latency fresh) {}

  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int parallel = 8;
    int rounds = 2;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--parallel" -> parallel = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --seconds N --parallel N --rounds N --threads N");
      }
    }
    SH.run("ip", "link", "set", "lo", "up");
    SH.run("ip", "link", "add", "j8susb0", "type", "veth", "peer", "name", "j8susb1").orThrow(); // no dummy driver everywhere
    Process haproxy = null;
    UserspaceProxier proxier = null;
    try {
      SH.run("ip", "addr", "add", NODE + "/24", "dev", "j8susb0").orThrow();
      for (String b : BACKENDS) SH.run("ip", "addr", "add", b + "/32", "dev", "j8susb0").orThrow();
      SH.run("ip", "link", "set", "j8susb0", "up").orThrow();
      SH.run("ip", "link", "set", "j8susb1", "up").orThrow();
      // a route for the service range, or connect() fails before nat OUTPUT could DNAT
      SH.run("ip", "route", "add", "10.96.181.0/24", "dev", "j8susb0").orThrow();
      for (String b : BACKENDS) {
        TcpLoad.sink(b, 8080);
        TcpLoad.echo(b, 8081);
      }
      Switched policy = new Switched();
      PolicyVerdicts verdicts = verdicts();
      timeOneVerdict(verdicts);
      proxier = new UserspaceProxier(new IptablesCommand(), UserspaceConfig.of("bench", List.of(NODE)).withThreads(threads)
          .withPolicy(policy), Clock.system());
      proxier.sync(state(), Set.of(), true);
      haproxy = startHaproxy();
      Map<String, InetSocketAddress[]> targets = new LinkedHashMap<>();
      InetSocketAddress[] services = {new InetSocketAddress("10.96.181.10", 80), new InetSocketAddress("10.96.181.11", 81)};
      targets.put("direct", new InetSocketAddress[] {null, null});
      targets.put("userspace (j8s)", services);
      targets.put("j8s, " + POLICIES + " policies", services);
      targets.put("haproxy " + haproxyVersion(), new InetSocketAddress[] {new InetSocketAddress(NODE, 9080), new InetSocketAddress(NODE, 9081)});
      System.out.printf(Locale.ROOT, "userspace proxy bench (Netty NIO, %d event loops): %d s per measurement, %d connections for throughput, "
          + "4 clients for latency, %d rounds, load %s%n", threads, seconds, parallel, rounds,
          Files.readString(Path.of("/proc/loadavg")).strip());
      List<Row> rows = new ArrayList<>();
      List<Map.Entry<String, InetSocketAddress[]>> order = new ArrayList<>(targets.entrySet());
      for (int r = 0; r < rounds; r++) {
        // odd rounds run the targets in reverse: the TIME_WAIT a target leaves weighs on the next one's new connections
        for (Map.Entry<String, InetSocketAddress[]> t : r % 2 == 0 ? order : order.reversed()) {
          policy.now = t.getKey().endsWith("policies") ? verdicts::allows : ConnectionPolicy.OPEN;
          rows.add(measure(t.getKey(), t.getValue(), seconds, parallel));
        }
      }
      print(rows, targets.size());
      System.out.printf(Locale.ROOT, "load after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
      System.out.println(proxier.metricsText().lines().filter(l -> l.startsWith("kubeproxy_userspace_connect_errors_total")
          || l.startsWith("kubeproxy_userspace_rejected_total") || l.startsWith("kubeproxy_userspace_policy_denied_total")).reduce((a, b) -> a + "\n" + b).orElse(""));
    } finally {
      if (haproxy != null) haproxy.destroy();
      if (proxier != null) {
        proxier.close();
        proxier.cleanup();
      }
      SH.run("ip", "link", "del", "j8susb0");
    }
    System.exit(0);
  }

  /** The verdicts of {@value #POLICIES} policies on the backends: p0 allows the node (the client here), the others one /32 each. */
  static PolicyVerdicts verdicts() {
    List<PolicyPod> pods = new ArrayList<>();
    for (int i = 0; i < BACKENDS.size(); i++) pods.add(new PolicyPod("bench", "b" + i, Map.of("app", "backend"), BACKENDS.get(i), "bench", List.of()));
    List<NetworkPolicy> ps = new ArrayList<>();
    for (int i = 0; i < POLICIES; i++) {
      String cidr = i == 0 ? NODE + "/32" : "172.16." + (i / 250) + "." + (i % 250 + 1) + "/32";
      ps.add(PolicyBench.JSON.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p" + i + ", namespace: bench}\n"
          + "spec:\n  podSelector: {matchLabels: {app: backend}}\n  ingress: [{from: [{ipBlock: {cidr: " + cidr + "}}], ports: [{port: 8080}, "
          + "{port: 8081}]}]\n", NetworkPolicy.class));
    }
    PolicyVerdicts v = new PolicyVerdicts(PolicyCompiler.compileAll(ps, pods, Map.of()).values());
    if (!v.allows(NODE, BACKENDS.get(0), "tcp", 8080) || v.allows("172.17.0.1", BACKENDS.get(0), "tcp", 8080)) {
      throw new IllegalStateException("the bench's policies do not allow what they should");
    }
    return v;
  }

  /** Prints what one verdict costs, alone (a million calls after a warm-up). */
  static void timeOneVerdict(PolicyVerdicts v) {
    boolean all = true;
    for (int i = 0; i < 200_000; i++) all &= v.allows(NODE, BACKENDS.get(i % 3), "tcp", 8080); // warm-up
    long t0 = System.nanoTime();
    for (int i = 0; i < 1_000_000; i++) all &= v.allows(NODE, BACKENDS.get(i % 3), "tcp", 8080);
    System.out.printf(Locale.ROOT, "one verdict with %d policies: %.0f ns (1,000,000 calls%s)%n", POLICIES,
        (System.nanoTime() - t0) / 1e6, all ? "" : "; some refused!");
  }

  static ProxyState state() {
    ServicePortName sink = ServicePortName.of("bench", "sink", "", "TCP");
    ServicePortName echo = ServicePortName.of("bench", "echo", "", "TCP");
    return ProxyState.of(Map.of(sink, ServicePort.clusterIP(sink, "10.96.181.10", 80), echo, ServicePort.clusterIP(echo, "10.96.181.11", 81)),
        Map.of(sink, BACKENDS.stream().map(b -> Endpoint.ready(b, 8080, "bench")).toList(),
            echo, BACKENDS.stream().map(b -> Endpoint.ready(b, 8081, "bench")).toList()));
  }

  static Row measure(String name, InetSocketAddress[] t, int seconds, int parallel) throws Exception {
    long ms = seconds * 1000L;
    double bps;
    TcpLoad.Latency persistent;
    TcpLoad.Latency fresh;
    if (t[0] == null) { // direct: the same spread over the three backends
      bps = 0;
      int[] per = split(parallel);
      List<Thread> ts = new ArrayList<>();
      double[] part = new double[3];
      for (int i = 0; i < 3; i++) {
        int k = i;
        if (per[i] > 0) ts.add(Thread.ofPlatform().start(() -> {
          try {
            part[k] = TcpLoad.throughput(new InetSocketAddress(BACKENDS.get(k), 8080), per[k], ms);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      for (Thread x : ts) x.join();
      for (double p : part) bps += p;
      persistent = TcpLoad.latency(new InetSocketAddress(BACKENDS.get(0), 8081), 4, ms, false);
      fresh = TcpLoad.latency(new InetSocketAddress(BACKENDS.get(1), 8081), 4, ms, true);
    } else {
      bps = TcpLoad.throughput(t[0], parallel, ms);
      persistent = TcpLoad.latency(t[1], 4, ms, false);
      fresh = TcpLoad.latency(t[1], 4, ms, true);
    }
    Row row = new Row(name, bps / 1e6, persistent, fresh);
    System.out.printf(Locale.ROOT, "  measured %s: %.0f MB/s%n", name, row.mbps());
    return row;
  }

  static int[] split(int n) {
    return new int[] {(n + 2) / 3, (n + 1) / 3, n / 3};
  }

  /** One line per measurement, in the order run; "% direct" against the direct measurement of the same round. */
  static void print(List<Row> rows, int perRound) {
    System.out.printf(Locale.ROOT, "%n%-22s %9s %8s | %21s %9s | %21s %9s%n", "target", "MB/s", "% direct", "persistent p50/p99 us",
        "req/s", "new conn p50/p99 us", "conn/s");
    for (int start = 0; start < rows.size(); start += perRound) {
      List<Row> round = rows.subList(start, Math.min(rows.size(), start + perRound));
      double direct = round.stream().filter(x -> x.target().equals("direct")).mapToDouble(Row::mbps).findFirst().orElse(Double.NaN);
      for (Row r : round) {
        System.out.printf(Locale.ROOT, "%-22s %9.0f %7.0f%% | %10.0f %10.0f %9.0f | %10.0f %10.0f %9.0f%n", r.target(), r.mbps(),
            100 * r.mbps() / direct, r.persistent().p(0.5), r.persistent().p(0.99), r.persistent().perSecond(), r.fresh().p(0.5),
            r.fresh().p(0.99), r.fresh().perSecond());
      }
    }
  }

  static Process startHaproxy() throws Exception {
    StringBuilder cfg = new StringBuilder("""
        global
          maxconn 4096
        defaults
          mode tcp
          timeout connect 1s
          timeout client 60s
          timeout server 60s
        """);
    for (String[] fe : new String[][] {{"sink", "9080", "8080"}, {"echo", "9081", "8081"}}) {
      cfg.append("frontend ").append(fe[0]).append("\n  bind ").append(NODE).append(':').append(fe[1]).append("\n  default_backend ")
          .append(fe[0]).append("_b\nbackend ").append(fe[0]).append("_b\n  balance roundrobin\n");
      for (int i = 0; i < BACKENDS.size(); i++) cfg.append("  server b").append(i + 1).append(' ').append(BACKENDS.get(i)).append(':').append(fe[2]).append('\n');
    }
    Path f = Files.createTempFile("j8s-haproxy", ".cfg");
    Files.writeString(f, cfg);
    Path log = Files.createTempFile("j8s-haproxy", ".log");
    f.toFile().deleteOnExit();
    log.toFile().deleteOnExit();
    Process p = new ProcessBuilder("haproxy", "-db", "-f", f.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(NODE, 9081), 500);
        return p;
      } catch (Exception e) {
        Thread.sleep(100);
      }
    }
    p.destroy();
    throw new IllegalStateException("haproxy did not start: " + Files.readString(log));
  }

  static String haproxyVersion() {
    String v = SH.run("haproxy", "-v").stdout();
    String[] w = v.split("\\s+");
    return w.length > 2 ? w[2].replaceAll("-.*", "") : "";
  }
}
