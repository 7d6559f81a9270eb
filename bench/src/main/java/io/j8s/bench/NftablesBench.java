package io.j8s.bench;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.proxy.nftables.NftScript;
import io.j8s.proxy.nftables.NftablesConfig;
import io.j8s.proxy.nftables.NftablesProxier;
import io.j8s.proxy.nftables.NftablesRenderer;
import io.j8s.proxy.state.Endpoint;
import io.j8s.proxy.state.ProxyState;
import io.j8s.proxy.state.ServicePort;
import io.j8s.proxy.state.ServicePortName;
import io.j8s.proxy.state.ServiceRef;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * nftables proxy benchmark, in the network namespace it runs in (./j8s bench runs it in a private
 * one): a veth {@code j8snftb0} with 10.88.152.1-10 as the endpoints (a TCP server on port
 * 8080) and ClusterIPs in 10.97.0.0/16 routed to it. For 1,000/5,000/10,000 Services x 10
 * endpoints: full sync time (render + one {@code nft -f} transaction replacing the table), then
 * the time to apply one endpoint change (partial sync); then first-packet latency (TCP connect
 * through the DNAT, a new connection each time) with 100 vs 10,000 Services.
 *
 * <p>Usage: {@code NftablesBench [--sizes 1000,5000,10000] [--latency 100,10000] [--connects 3000]}.
 */
public final class NftablesBench {
  static final NftablesConfig CFG = NftablesConfig.of("node", List.of("10.88.152.1"), "10.244.0.0/16");
  static final ProcessRunner SH = new ProcessRunner();

  public static void main(String[] args) throws Exception {
    int[] sizes = {1000, 5000, 10000};
    int[] latency = {100, 10000};
    int connects = 3000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--sizes")) sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
      if (args[i].equals("--latency")) latency = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
      if (args[i].equals("--connects")) connects = Integer.parseInt(args[i + 1]);
    }
    SH.run("ip", "link", "set", "lo", "up");
    SH.run("ip", "link", "add", "j8snftb0", "type", "veth", "peer", "name", "j8snftb1").orThrow();
    try (ServerSocket server = new ServerSocket()) {
      for (int i = 1; i <= 10; i++) SH.run("ip", "addr", "add", "10.88.152." + i + "/24", "dev", "j8snftb0").orThrow();
      SH.run("ip", "link", "set", "j8snftb0", "up").orThrow();
      SH.run("ip", "link", "set", "j8snftb1", "up").orThrow();
      SH.run("ip", "route", "add", "10.97.0.0/16", "dev", "j8snftb0").orThrow();
      server.bind(new InetSocketAddress("0.0.0.0", 8080), 4096);
      Thread.ofVirtual().start(() -> {
        while (!server.isClosed()) {
          try {
            server.accept().close();
          } catch (Exception e) {
            return;
          }
        }
      });
      run(sizes, latency, connects);
    } finally {
      new NftCommand().deleteTable(NftablesProxier.TABLE);
      SH.run("ip", "link", "del", "j8snftb0");
    }
  }

  static void run(int[] sizes, int[] latency, int connects) throws Exception {
    System.out.printf(Locale.ROOT, "%-10s %10s %12s %14s %14s %14s %12s %6s%n", "services", "rules", "render ms", "full sync ms",
        "nft -f alone", "1 endpoint ms", "script KiB", "load");
    for (int n : sizes) {
      ProxyState state = state(n, 10);
      NftablesProxier p = new NftablesProxier(new NftCommand(), CFG);
      long[] full = new long[3];
      Map<String, Long> counts = Map.of();
      for (int r = 0; r < full.length; r++) {
        long t0 = System.nanoTime();
        counts = p.sync(state, Set.of(), true);
        full[r] = System.nanoTime() - t0;
      }
      int kib = p.lastScript().length() / 1024;
      // the floor beside it: nft alone applying the same full transaction again (no render)
      long t1 = System.nanoTime();
      new NftCommand().apply(p.lastScript());
      long alone = System.nanoTime() - t1;
      long t0 = System.nanoTime();
      NftScript.full(CFG, new NftablesRenderer().render(state, CFG));
      long render = System.nanoTime() - t0;
      long[] partial = new long[7];
      for (int r = 0; r < partial.length; r++) {
        ServiceRef ref = new ServiceRef("bench", "s" + (r * 997 % n));
        ProxyState changed = state(n, 10, ref.name(), r % 2 == 0 ? 9 : 10);
        t0 = System.nanoTime();
        p.sync(changed, Set.of(ref), false);
        partial[r] = System.nanoTime() - t0;
        state = changed;
      }
      System.out.printf(Locale.ROOT, "%-10d %10d %12.1f %14.1f %14.1f %14.1f %12d %6s%n", n, counts.get("rules"), render / 1e6,
          median(full) / 1e6, alone / 1e6, median(partial) / 1e6, kib, SH.run("cat", "/proc/loadavg").stdout().split(" ")[0]);
    }
    System.out.printf(Locale.ROOT, "%n%-10s %12s %12s %12s%n", "services", "connect p50", "p99 us", "mean us");
    for (int round = 0; round < 2; round++) {
      for (int n : latency) {
        new NftablesProxier(new NftCommand(), CFG).sync(state(n, 10), Set.of(), true);
        String ip = clusterIP(n / 2);
        long[] us = new long[connects];
        for (int i = -200; i < connects; i++) {
          long t0 = System.nanoTime();
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 80), 5000);
          }
          if (i >= 0) us[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(us);
        System.out.printf(Locale.ROOT, "%-10d %12d %12d %12.1f%n", n, us[us.length / 2], us[us.length * 99 / 100],
            Arrays.stream(us).average().orElse(0));
      }
    }
  }

  static long median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  static String clusterIP(int i) {
    return "10.97." + (i / 250) + "." + (i % 250 + 1);
  }

  static ProxyState state(int n, int eps) {
    return state(n, eps, null, eps);
  }

  /** {@code n} Services of one TCP port, {@code eps} endpoints each ({@code special} gets {@code specialEps}). */
  static ProxyState state(int n, int eps, String special, int specialEps) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> endpoints = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String name = "s" + i;
      ServicePortName spn = ServicePortName.of("bench", name, "http", "TCP");
      svcs.put(spn, ServicePort.clusterIP(spn, clusterIP(i), 80));
      List<Endpoint> list = new ArrayList<>();
      int k = name.equals(special) ? specialEps : eps;
      for (int e = 1; e <= k; e++) list.add(Endpoint.ready("10.88.152." + e, 8080, "node"));
      endpoints.put(spn, list);
    }
    return ProxyState.of(svcs, endpoints);
  }
}
