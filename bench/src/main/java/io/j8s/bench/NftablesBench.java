package io.j8s.bench;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.nftables.NftCommand;
import io.j8s.hostnet.nftables.Nftables;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * nftables proxy benchmark, in the network namespace it runs in (./j8s bench runs it in a private
 * one): a veth {@code j8snftb0} with 10.88.152.1-10 as the endpoints (a TCP server on port
 * 8080) and ClusterIPs in 10.97.0.0/16 routed to it. For 1,000/5,000/10,000 Services x 10
 * endpoints: full sync time (render + one {@code nft -f} transaction replacing the table), then
 * the time to apply one endpoint change (partial sync; "its nft -f" is that sync's {@code nft -f}
 * alone; the change alternates a Service between 10 and 9 endpoints, so its chain's rule changes
 * too); then first-packet latency (TCP connect
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
    System.out.println("JVM options (the proxier's): " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "%-10s %10s %12s %14s %14s %14s %12s %14s %12s %12s %6s%n", "services", "rules", "render ms",
        "full sync ms", "nft -f alone", "1 ep -/+ ms", "its nft -f", "1 ep moved ms", "its nft -f", "script KiB", "load");
    for (int n : sizes) {
      ProxyState state = state(n, 10);
      Timed timed = new Timed(new NftCommand());
      NftablesProxier p = new NftablesProxier(timed, CFG);
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
      // one Service loses an endpoint, then gets it back (its rule's mod N changes too): 8 real changes
      long[] partial = new long[8];
      long[] partialNft = new long[8];
      for (int r = 0; r < partial.length; r++) {
        ServiceRef ref = new ServiceRef("bench", "s" + (r / 2 * 997 % n));
        ProxyState changed = state(n, 10, ref.name(), r % 2 == 0 ? 9 : 10, false);
        partialNft[r] = timedPartial(p, timed, changed, ref, partial, r);
      }
      // one endpoint of a Service replaced by another address (same count: only map elements change)
      long[] replaced = new long[8];
      long[] replacedNft = new long[8];
      for (int r = 0; r < replaced.length; r++) {
        ServiceRef ref = new ServiceRef("bench", "s" + (r / 2 * 991 % n));
        ProxyState changed = state(n, 10, ref.name(), 10, r % 2 == 0);
        replacedNft[r] = timedPartial(p, timed, changed, ref, replaced, r);
      }
      System.out.printf(Locale.ROOT, "%-10d %10d %12.1f %14.1f %14.1f %14.1f %12.1f %14.1f %12.1f %12d %6s%n", n, counts.get("rules"),
          render / 1e6, median(full) / 1e6, alone / 1e6, median(partial) / 1e6, median(partialNft) / 1e6, median(replaced) / 1e6,
          median(replacedNft) / 1e6, kib, SH.run("cat", "/proc/loadavg").stdout().split(" ")[0]);
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

  /** Applies one partial sync, records its time in {@code into[r]} and returns its {@code nft -f} time. */
  static long timedPartial(NftablesProxier p, Timed timed, ProxyState changed, ServiceRef ref, long[] into, int r) throws Exception {
    timed.last = -1;
    long t0 = System.nanoTime();
    p.sync(changed, Set.of(ref), false);
    into[r] = System.nanoTime() - t0;
    if (timed.last < 0) throw new IllegalStateException("the change applied nothing");
    return timed.last;
  }

  /** Times each {@code nft -f} (the floor of a sync beside the whole of it). */
  static final class Timed implements Nftables {
    final Nftables nft;
    long last;

    Timed(Nftables nft) {
      this.nft = nft;
    }

    @Override public void apply(String script) throws HostnetException {
      long t0 = System.nanoTime();
      nft.apply(script);
      last = System.nanoTime() - t0;
    }

    @Override public Optional<String> list(Table table) throws HostnetException {
      return nft.list(table);
    }

    @Override public Optional<String> listJson(Table table) throws HostnetException {
      return nft.listJson(table);
    }

    @Override public boolean deleteTable(Table table) throws HostnetException {
      return nft.deleteTable(table);
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
    return state(n, eps, null, eps, false);
  }

  /**
   * {@code n} Services of one TCP port, {@code eps} endpoints each ({@code special} gets
   * {@code specialEps}, its last one on another address when {@code moved}).
   */
  static ProxyState state(int n, int eps, String special, int specialEps, boolean moved) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> endpoints = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String name = "s" + i;
      ServicePortName spn = ServicePortName.of("bench", name, "http", "TCP");
      svcs.put(spn, ServicePort.clusterIP(spn, clusterIP(i), 80));
      List<Endpoint> list = new ArrayList<>();
      int k = name.equals(special) ? specialEps : eps;
      for (int e = 1; e <= k; e++) {
        boolean move = moved && name.equals(special) && e == k;
        list.add(Endpoint.ready("10.88.152." + (move ? 100 + e : e), 8080, "node"));
      }
      endpoints.put(spn, list);
    }
    return ProxyState.of(svcs, endpoints);
  }
}
