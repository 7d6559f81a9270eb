package io.j8s.bench;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.j8s.dns.ClusterDns;
import io.j8s.dns.ClusterDnsConfig;
import io.j8s.dns.zone.ClusterSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./j8s bench dns}: queries per second and p99 latency of the j8s cluster DNS beside
 * dnsmasq serving the same records, both asked by dnsperf in the same run, inside the bench's
 * network namespace: cluster names ({@code svc-N.bench.svc.cluster.local}: j8s from a snapshot of
 * N ClusterIP Services, dnsmasq from a hosts file with the same names and addresses, TTL 5) and
 * upstream names ({@code host-N.up.test}, served by a third resolver, a dnsmasq at 127.0.0.12;
 * both forward to it and answer from their caches after a warm-up pass). Each case: dnsperf at
 * full speed for the throughput (after 10 s unmeasured per kind of name, so the JIT has compiled
 * j8s's paths), then again at a fixed rate with per-query latencies for the p99; {@code --rounds}
 * alternating rounds per server, medians printed.
 * j8s at 127.0.0.10:53, dnsmasq at 127.0.0.11:53.
 */
public final class DnsBench {
  static final String J8S = "127.0.0.10", DNSMASQ = "127.0.0.11", UPSTREAM = "127.0.0.12";

  int names = 1000;
  int seconds = 10;
  int latencyQps = 10_000;
  int clients = 4;
  int threads = 0;
  int rounds = 3;

  public static void main(String[] args) throws Exception {
    DnsBench b = new DnsBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--names" -> b.names = Integer.parseInt(args[++i]);
        case "--seconds" -> b.seconds = Integer.parseInt(args[++i]);
        case "--latency-qps" -> b.latencyQps = Integer.parseInt(args[++i]);
        case "--threads" -> b.threads = Integer.parseInt(args[++i]);
        case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --names N --seconds S --latency-qps Q --rounds R --threads T (j8s event loops, default: the cores)");
      }
    }
    b.run();
  }

  record Result(double qps, double lostPercent, double p99Millis, double p50Millis) {}

  void run() throws Exception {
    Path dir = Files.createTempDirectory("j8s-dns-bench");
    List<Process> processes = new ArrayList<>();
    for (String ip : List.of(J8S, DNSMASQ, UPSTREAM)) exec(List.of("ip", "addr", "add", ip + "/32", "dev", "lo"), true);
    List<Service> services = new ArrayList<>();
    StringBuilder clusterHosts = new StringBuilder(), upstreamHosts = new StringBuilder(), clusterQueries = new StringBuilder(),
        upstreamQueries = new StringBuilder();
    for (int i = 0; i < names; i++) {
      String ip = "10.43." + (i / 250) + "." + (i % 250 + 1);
      services.add(new ServiceBuilder().withNewMetadata().withNamespace("bench").withName("svc-" + i).endMetadata()
          .withNewSpec().withClusterIP(ip).withClusterIPs(ip).endSpec().build());
      clusterHosts.append(ip).append(" svc-").append(i).append(".bench.svc.cluster.local\n");
      clusterQueries.append("svc-").append(i).append(".bench.svc.cluster.local A\n");
      upstreamHosts.append("198.18.").append(i / 250).append('.').append(i % 250 + 1).append(" host-").append(i).append(".up.test\n");
      upstreamQueries.append("host-").append(i).append(".up.test A\n");
    }
    Path ch = write(dir, "cluster.hosts", clusterHosts), uh = write(dir, "upstream.hosts", upstreamHosts);
    Path cq = write(dir, "cluster.queries", clusterQueries), uq = write(dir, "upstream.queries", upstreamQueries);
    ClusterSnapshot snapshot = ClusterSnapshot.of(services, List.of(), 1);
    int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ClusterDnsConfig cfg = ClusterDnsConfig.of(new InetSocketAddress(J8S, 53), "10.43.0.10", null)
        .withUpstreams(List.of(new InetSocketAddress(UPSTREAM, 53))).withThreads(loops);
    try (ClusterDns j8s = ClusterDns.serve(() -> snapshot, null, cfg)) {
      processes.add(dnsmasq(UPSTREAM, "--addn-hosts=" + uh, "--local-ttl=3600", "--local=/up.test/"));
      processes.add(dnsmasq(DNSMASQ, "--addn-hosts=" + ch, "--local-ttl=5", "--local=/cluster.local/", "--server=/up.test/" + UPSTREAM,
          "--cache-size=10000"));
      Thread.sleep(1000);
      for (String server : List.of(J8S, DNSMASQ)) dnsperf(server, uq, List.of("-n", "1"), false); // fill the caches
      for (Path q : List.of(cq, uq)) dnsperf(J8S, q, List.of("-l", "10", "-c", String.valueOf(clients), "-q", "500"), false); // JIT warm-up
      System.out.printf(Locale.ROOT, "j8s DNS benchmark: %d names, %d rounds of %d s per throughput run, p99 at %d qps, dnsperf -c %d, "
          + "j8s event loops %d (%s), load average %s%n", names, rounds, seconds, latencyQps, clients, loops,
          io.j8s.dns.server.DnsServer.transport(), loadAverage());
      System.out.printf(Locale.ROOT, "%-16s %-8s %12s %8s %10s %10s%n", "names", "server", "qps", "lost %", "p50 ms", "p99 ms");
      for (String[] c : new String[][] {{"cluster", cq.toString()}, {"cached upstream", uq.toString()}}) {
        // rounds alternate between the servers, so a change in the machine's load hits both alike; medians are shown
        List<Result> j = new ArrayList<>(), d = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          j.add(measure(J8S, Path.of(c[1])));
          d.add(measure(DNSMASQ, Path.of(c[1])));
        }
        print(c[0], "j8s", j);
        print(c[0], "dnsmasq", d);
      }
      System.out.println("j8s metrics: cache hits " + j8s.metrics().render().lines().filter(l -> l.startsWith("coredns_cache_hits_total"))
          .findFirst().orElse("?"));
    } finally {
      processes.forEach(Process::destroy);
      for (String ip : List.of(J8S, DNSMASQ, UPSTREAM)) exec(List.of("ip", "addr", "del", ip + "/32", "dev", "lo"), true);
    }
  }

  static void print(String names, String server, List<Result> rs) {
    System.out.printf(Locale.ROOT, "%-16s %-8s %12.0f %8.2f %10.3f %10.3f   (qps per round: %s)%n", names, server,
        median(rs.stream().map(Result::qps).toList()), median(rs.stream().map(Result::lostPercent).toList()),
        median(rs.stream().map(Result::p50Millis).toList()), median(rs.stream().map(Result::p99Millis).toList()),
        String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.qps())).toList()));
  }

  static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  Result measure(String server, Path queries) throws Exception {
    String full = dnsperf(server, queries, List.of("-l", String.valueOf(seconds), "-c", String.valueOf(clients), "-q", "500"), false);
    double qps = number(full, "Queries per second:\\s+([0-9.]+)");
    double lost = number(full, "Queries lost:\\s+\\d+ \\(([0-9.]+)%\\)");
    String verbose = dnsperf(server, queries, List.of("-l", "5", "-Q", String.valueOf(latencyQps), "-c", String.valueOf(clients)), true);
    List<Long> nanos = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^> \\S+ \\S+ \\S+ ([0-9.]+)$").matcher(verbose);
    while (m.find()) nanos.add((long) (Double.parseDouble(m.group(1)) * 1e9));
    Stats s = new Stats(nanos.stream().mapToLong(Long::longValue).toArray());
    return new Result(qps, lost, s.percentileMillis(99), s.percentileMillis(50));
  }

  static String dnsperf(String server, Path queries, List<String> extra, boolean verbose) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dnsperf", "-s", server, "-p", "53", "-d", queries.toString()));
    cmd.addAll(extra);
    if (verbose) cmd.add("-v");
    return exec(cmd, false);
  }

  static Process dnsmasq(String ip, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--user=root", "--pid-file=", "--no-resolv", "--no-hosts",
        "--listen-address=" + ip, "--bind-interfaces", "--port=53", "--log-facility=/dev/null"));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  static String exec(List<String> cmd, boolean ignoreFailure) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0 && !ignoreFailure) throw new IOException(String.join(" ", cmd) + " exited " + rc + ": " + out);
    return out;
  }

  static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) throw new IllegalStateException("no match for " + regex + " in dnsperf output:\n" + text);
    return Double.parseDouble(m.group(1));
  }

  static Path write(Path dir, String name, CharSequence text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
