package io.j8s.bench;

import io.j8s.base.process.ProcessRunner;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.proxy.iptables.IptablesConfig;
import io.j8s.proxy.iptables.IptablesProxier;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kube-proxy iptables benchmark on the real kernel, in the network namespace the launcher runs it
 * in: for each service count (10 endpoints each), a full sync on empty tables and a full resync
 * over existing rules (iptables-save, render, one iptables-restore), one endpoint change applied by
 * a partial sync (median and max of 5), and at 100 and 10,000 services the connect latency of new
 * TCP connections through a ClusterIP (nat OUTPUT traverses KUBE-SERVICES; the measured service is
 * the last one in it) against a direct connection to the backend, a local listener on a veth
 * interface (10.88.140.1, service IPs routed to it). Beside the full resync and the endpoint change,
 * the floor: {@code iptables-restore} alone applying the very payload that sync restored.
 *
 * <p>Usage: {@code ProxyBench [--services 1000,5000,10000] [--latency 100,10000] [--endpoints 10] [--connects 1000]}
 */
public final class ProxyBench {
  static final ProcessRunner SH = new ProcessRunner();
  static final String LINK = "j8sbench0";
  static final String BACKEND = "10.88.140.1";
  static final IptablesConfig CFG = IptablesConfig.of("bench-node", List.of(BACKEND), "10.42.0.0/16");

  List<Integer> sizes = List.of(1_000, 5_000, 10_000);
  Set<Integer> latencySizes = Set.of(100, 10_000);
  int endpoints = 10;
  int connects = 1000;

  public static void main(String[] args) throws Exception {
    ProxyBench b = new ProxyBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--services" -> b.sizes = ints(args[++i]);
        case "--latency" -> b.latencySizes = Set.copyOf(ints(args[++i]));
        case "--endpoints" -> b.endpoints = Integer.parseInt(args[++i]);
        case "--connects" -> b.connects = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --services 1000,5000,10000 --latency 100,10000 --endpoints 10 --connects 1000");
      }
    }
    b.run();
    System.exit(0);
  }

  static List<Integer> ints(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }

  static ServicePortName name(int i, int total) {
    // the measured service (index total-1) sorts last, so its capture rule is the last one scanned
    return ServicePortName.of(i == total - 1 ? "zzz" : "bench", "svc-" + String.format("%05d", i), "http", "TCP");
  }

  static String clusterIP(int i) {
    return "10.96." + (i / 250) + "." + (i % 250 + 1);
  }

  ProxyState state(int n, int changedEndpointGeneration) {
    Map<ServicePortName, ServicePort> svcs = new TreeMap<>();
    Map<ServicePortName, List<Endpoint>> eps = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      ServicePortName p = name(i, n);
      svcs.put(p, ServicePort.clusterIP(p, clusterIP(i), 80).withNodePort(i < 2000 ? 30000 + i : 0));
      List<Endpoint> list = new ArrayList<>();
      if (i == n - 1) {
        list.add(Endpoint.ready(BACKEND, 8080, "bench-node"));
      } else {
        for (int e = 0; e < endpoints; e++) {
          int gen = i == 0 && e == 0 ? changedEndpointGeneration : 0;
          list.add(Endpoint.ready("10.200." + (i / 250) + "." + (e * 25 + gen % 25 + 1), 8080 + (i % 250), "other-node"));
        }
      }
      eps.put(p, list);
    }
    return ProxyState.of(svcs, eps);
  }

  void run() throws Exception {
    SH.run("ip", "link", "del", LINK);
    SH.run("ip", "link", "add", LINK, "type", "veth", "peer", "name", LINK + "p").orThrow();
    SH.run("ip", "link", "set", LINK, "up").orThrow();
    SH.run("ip", "link", "set", LINK + "p", "up").orThrow();
    SH.run("ip", "addr", "add", BACKEND + "/24", "dev", LINK).orThrow();
    SH.run("ip", "route", "add", "10.96.0.0/16", "dev", LINK).orThrow();
    System.out.println("iptables " + SH.run("iptables", "-V").stdout().strip() + ", kernel " + SH.run("uname", "-r").stdout().strip()
        + ", " + Runtime.getRuntime().availableProcessors() + " cpus, load " + SH.run("cat", "/proc/loadavg").stdout().strip()
        + "\nJVM options (the proxier's): " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(BACKEND, 8080), 4096);
      Thread.ofPlatform().daemon().start(() -> {
        while (!server.isClosed()) {
          try {
            server.accept().close();
          } catch (Exception e) {
            return;
          }
        }
      });
      TreeSet<Integer> all = new TreeSet<>(sizes);
      all.addAll(latencySizes);
      List<String> rows = new ArrayList<>();
      for (int n : all) rows.add(measure(n));
      System.out.println();
      System.out.printf("%-9s %-10s %-10s %-15s %-13s %-15s %-24s %-17s %-26s %-20s %s%n", "services", "endpoints", "nat rules",
          "full sync first", "full resync", "restore alone", "1 endpoint change p50/max", "its restore p50", "ClusterIP connect p50/p99",
          "direct p50/p99", "load");
      rows.forEach(System.out::println);
    } finally {
      SH.run("ip", "link", "del", LINK);
    }
  }

  String measure(int n) throws Exception {
    IptablesProxier p = new IptablesProxier(new IptablesCommand(), CFG, null);
    p.cleanup();
    ProxyState s = state(n, 0);
    long t0 = System.nanoTime();
    Map<String, Long> counts = p.sync(s, Set.of(), true);
    long first = System.nanoTime() - t0;
    t0 = System.nanoTime();
    p.sync(s, Set.of(), true);
    long resync = System.nanoTime() - t0;
    // the floor beside it: iptables-restore alone applying the resync's payload again (no save, no render)
    String payload = p.lastPayload();
    t0 = System.nanoTime();
    new IptablesCommand().restore(payload, true);
    long restoreAlone = System.nanoTime() - t0;
    long[] partial = new long[5];
    long[] partialAlone = new long[5];
    for (int k = 0; k < partial.length; k++) {
      ProxyState next = state(n, k + 1);
      t0 = System.nanoTime();
      p.sync(next, Set.of(new ServiceRef("bench", "svc-00000")), false);
      partial[k] = System.nanoTime() - t0;
      String again = p.lastPayload();
      t0 = System.nanoTime();
      new IptablesCommand().restore(again, true);
      partialAlone[k] = System.nanoTime() - t0;
    }
    Arrays.sort(partial);
    Arrays.sort(partialAlone);
    String lat = "-";
    String direct = "-";
    if (latencySizes.contains(n)) {
      String ip = clusterIP(n - 1);
      connect(ip, 80, 50);
      Stats via = new Stats(connect(ip, 80, connects));
      connect(BACKEND, 8080, 50);
      Stats d = new Stats(connect(BACKEND, 8080, connects));
      lat = String.format("%.3f / %.3f ms", via.percentileMillis(50), via.percentileMillis(99));
      direct = String.format("%.3f / %.3f ms", d.percentileMillis(50), d.percentileMillis(99));
    }
    p.cleanup();
    String row = String.format("%-9d %-10d %-10d %-15s %-13s %-15s %-24s %-17s %-26s %-20s %s", n, n == 0 ? 0 : (n - 1) * endpoints + 1,
        counts.get("nat"), ms(first), ms(resync), ms(restoreAlone), ms(partial[2]) + " / " + ms(partial[4]), ms(partialAlone[2]), lat,
        direct, SH.run("cat", "/proc/loadavg").stdout().split(" ")[0]);
    System.out.println(row);
    return row;
  }

  static String ms(long nanos) {
    return String.format("%.0f ms", nanos / 1e6);
  }

  /** Connect latencies of {@code n} new connections (connect() only; each connection closed at once). */
  static long[] connect(String ip, int port, int n) throws Exception {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      try (Socket s = new Socket()) {
        s.setSoLinger(true, 0);
        long t0 = System.nanoTime();
        s.connect(new InetSocketAddress(ip, port), 2000);
        out[i] = System.nanoTime() - t0;
      }
    }
    return out;
  }
}
