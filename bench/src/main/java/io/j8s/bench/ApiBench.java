package io.j8s.bench;

import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.storage.Backend;
import io.j8s.storage.Backends;
import io.j8s.testkit.etcd.EtcdCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API benchmark: for each datastore driver, the API server end to end beside the driver
 * alone, in one run, printed as one table.
 *
 * <p>Usage: {@code ApiBench [--objects N] [--watchers N] [--warmup N] [--drivers sqlite,etcd]
 * [--watch-client jdk|netty] [--watch-warmup N]}. Each column first runs {@code warmup} create/GET/update rounds
 * on other keys, so that the JIT has compiled the paths being measured. Each watcher is a
 * blocking JDK TLS socket ({@link RawHttps#stream}) on a virtual thread that reads only the
 * change number out of each event line; {@code netty} runs them as {@link NettyWatchers} instead.
 */
public final class ApiBench {
  int objects = 10_000;
  int watchers = 1_000;
  int concurrency = 32;
  int warmup = 5_000;
  List<String> drivers = List.of("sqlite", "etcd");
  boolean nettyWatchers;
  int watchWarmup = 30;

  /** One column of the table: measure name to formatted value. */
  final Map<String, Map<String, String>> columns = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    ApiBench b = new ApiBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> b.objects = Integer.parseInt(args[++i]);
        case "--watchers" -> b.watchers = Integer.parseInt(args[++i]);
        case "--warmup" -> b.warmup = Integer.parseInt(args[++i]);
        case "--drivers" -> b.drivers = List.of(args[++i].split(","));
        case "--watch-warmup" -> b.watchWarmup = Integer.parseInt(args[++i]);
        case "--watch-client" -> b.nettyWatchers = switch (args[++i]) {
          case "jdk" -> false;
          case "netty" -> true;
          default -> throw new IllegalArgumentException("--watch-client is jdk or netty, not " + args[i]);
        };
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --objects N --watchers N --warmup N --drivers sqlite,etcd --watch-client jdk|netty --watch-warmup N");
      }
    }
    b.run();
    System.exit(0);
  }

  void run() throws Exception {
    for (String driver : drivers) {
      Path dir = Files.createTempDirectory("j8s-bench-" + driver);
      EtcdCluster etcd = null;
      try {
        String endpoint = "sqlite:";
        if (driver.equals("etcd")) {
          progress("starting etcd");
          etcd = EtcdCluster.start(1, dir.resolve("etcd"));
          endpoint = "etcd://" + etcd.endpoints().replace("http://", "");
        }
        progress(driver + ": datastore alone");
        try (Backend backend = Backends.open(endpoint, dir.resolve("raw"))) {
          columns.put(driver + " datastore", datastore(backend));
        }
        progress(driver + ": API server");
        ApiServerConfig cfg = new ApiServerConfig(dir.resolve("server"), "127.0.0.1", 0, endpoint, "10.43.0.0/16",
            List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
        try (ApiServer server = ApiServer.start(cfg)) {
          columns.put(driver + " API", api(new Client(URI.create("https://127.0.0.1:" + server.port()), cfg.dataDir())));
        }
      } finally {
        if (etcd != null) etcd.close();
      }
    }
    print();
  }

  static void progress(String s) { System.err.println("bench: " + java.time.Instant.now() + " " + s); }

  // ---- the datastore alone ----

  Map<String, String> datastore(Backend b) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    byte[] value = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"bench\"},"
        + "\"data\":{\"k\":\"" + "v".repeat(200) + "\"}}").getBytes();
    parallel(warmup, i -> {
      long r = b.create("/raw/configmaps/warmup/w-" + i, value);
      b.get("/raw/configmaps/warmup/w-" + i);
      b.update("/raw/configmaps/warmup/w-" + i, value, r);
    });
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    parallel(objects, i -> b.create("/raw/configmaps/bench/cm-" + i, value));
    m.put("creates/s", rate(objects, System.nanoTime() - t0));
    m.put("CPU us/create", perOp(cpuNanos() - c0, objects));
    long[] gets = timed(5_000, 8, i -> b.get("/raw/configmaps/bench/cm-" + (i % objects)));
    m.put("GET p50 ms", ms(new Stats(gets).percentileMillis(50)));
    m.put("GET p99 ms", ms(new Stats(gets).percentileMillis(99)));
    long[] puts = timed(5_000, 8, i -> {
      String k = "/raw/configmaps/bench/cm-" + (i % objects);
      b.update(k, value, b.get(k).orElseThrow().modRevision());
    });
    m.put("update p50 ms", ms(new Stats(puts).percentileMillis(50)));
    m.put("update p99 ms", ms(new Stats(puts).percentileMillis(99)));
    long l0 = System.nanoTime();
    int n = b.list("/raw/configmaps/bench/", null, 0, 0).items().size();
    m.put("list " + objects + " ms", ms((System.nanoTime() - l0) / 1e6) + (n == objects ? "" : " (got " + n + ")"));
    m.put("watch p99 ms", "-");
    m.put("CPU us/watch delivery", "-");
    return m;
  }

  // ---- the API server ----

  Map<String, String> api(Client c) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    c.call("POST", "/api/v1/namespaces", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}");
    String data = "v".repeat(200);
    String cms = "/api/v1/namespaces/bench/configmaps";
    progress("warming up (JIT) with " + warmup + " creates, GETs and patches");
    c.call("POST", "/api/v1/namespaces", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"warmup\"}}");
    String warm = "/api/v1/namespaces/warmup/configmaps";
    parallel(warmup, i -> {
      c.call("POST", warm, "application/json", "{\"metadata\":{\"name\":\"w-" + i + "\"},\"data\":{\"k\":\"" + data + "\"}}");
      c.call("GET", warm + "/w-" + i, null, null);
      c.call("PATCH", warm + "/w-" + i, "application/merge-patch+json", "{\"data\":{\"n\":\"1\"}}");
    });
    progress("measuring");
    long t0 = System.nanoTime();
    long c0 = cpuNanos();
    parallel(objects, i -> c.call("POST", cms, "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{\"k\":\"" + data + "\"}}"));
    m.put("creates/s", rate(objects, System.nanoTime() - t0));
    m.put("CPU us/create", perOp(cpuNanos() - c0, objects));
    long[] gets = timed(5_000, 8, i -> c.call("GET", cms + "/cm-" + (i % objects), null, null));
    m.put("GET p50 ms", ms(new Stats(gets).percentileMillis(50)));
    m.put("GET p99 ms", ms(new Stats(gets).percentileMillis(99)));
    long[] patches = timed(5_000, 8, i -> c.call("PATCH", cms + "/cm-" + (i % objects), "application/merge-patch+json",
        "{\"data\":{\"n\":\"" + i + "\"}}"));
    m.put("update p50 ms", ms(new Stats(patches).percentileMillis(50)));
    m.put("update p99 ms", ms(new Stats(patches).percentileMillis(99)));
    long[] lists = new long[3];
    for (int i = 0; i < lists.length; i++) {
      long l0 = System.nanoTime();
      String body = c.call("GET", cms, null, null);
      lists[i] = System.nanoTime() - l0;
      if (!body.contains("cm-" + (objects - 1))) throw new IllegalStateException("list is missing objects");
    }
    c.closeConnections();
    m.put("list " + objects + " ms", ms(new Stats(lists).percentileMillis(50)));
    m.put("watch p99 ms", watchDelivery(c));
    m.put("CPU us/watch delivery", cpuPerDelivery);
    return m;
  }

  /**
   * Delivery of one change to every watcher: p99 of (received - PATCH sent) over all watchers and
   * 20 changes sent 500 ms apart, so that each change is measured on its own. First
   * {@code watchWarmup} unmeasured changes, 200 ms apart, to the same watchers, so that the JIT has
   * compiled the fan-out and the watchers' code (as the other measures' warm-up does for theirs);
   * watchers stay connected until every measured event arrived, so no watcher's disconnect
   * competes with the delivery of the last change.
   */
  String watchDelivery(Client c) throws Exception {
    String rv = c.call("POST", "/api/v1/namespaces/bench/configmaps", "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"w\"},\"data\":{\"n\":\"0\"}}")
        .replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");
    int changes = 20;
    int warm = watchWarmup;
    int total = warm + changes;
    java.util.concurrent.atomic.AtomicLongArray started = new java.util.concurrent.atomic.AtomicLongArray(total + 1);
    CountDownLatch measured = new CountDownLatch(1);
    ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
    Map<Integer, ConcurrentLinkedQueue<Long>> perChange = new java.util.concurrent.ConcurrentSkipListMap<>();
    CountDownLatch connected = new CountDownLatch(watchers);
    progress("opening " + watchers + " watches (" + (nettyWatchers ? "netty" : "jdk") + " client)");
    // clients connect at a bounded pace (TLS handshakes share the bench's two cores with the server)
    java.util.concurrent.Semaphore connecting = new java.util.concurrent.Semaphore(32);
    String path = "/api/v1/namespaces/bench/configmaps?watch=true&fieldSelector=metadata.name%3Dw&resourceVersion=" + rv;
    NettyWatchers netty = nettyWatchers ? new NettyWatchers(c.base, c.dataDir) : null;
    for (int w = 0; w < watchers && netty != null; w++) {
      connecting.acquire();
      int[] seen = {0};
      boolean[] open = {false};
      netty.watch(path, () -> {
        open[0] = true;
        connecting.release();
        connected.countDown();
      }, (now, n) -> {
        if (n > warm) record(delays, perChange, n, now - started.get(n));
        seen[0]++;
        return true; // closed with the others once all are measured
      }, failure -> {
        if (failure != null) System.err.println("watcher failed after " + seen[0] + " events: " + failure);
        if (!open[0]) {
          open[0] = true;
          connecting.release();
          connected.countDown();
        }
      });
    }
    for (int w = 0; w < watchers && netty == null; w++) {
      Thread.ofVirtual().start(() -> {
        int[] seen = {0};
        boolean[] open = {false};
        try {
          connecting.acquire();
          try (RawHttps conn = c.connect()) {
            conn.stream(path, () -> {
              open[0] = true;
              connecting.release();
              connected.countDown();
            }, (buf, from, to) -> {
              long now = System.nanoTime();
              int n = changeNumber(buf, from, to); // the watcher's own cost shares the cores with the server: no String, no regex
              if (n < 0) throw new IllegalStateException("event without a change number: " + new String(buf, from, to - from));
              if (n > warm) record(delays, perChange, n, now - started.get(n));
              if (++seen[0] < total) return true;
              try {
                measured.await(); // stays connected until every watcher got every change
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return false;
            });
          }
        } catch (Exception e) {
          System.err.println("watcher failed after " + seen[0] + " events: " + e);
        } finally {
          if (!open[0]) {
            connecting.release();
            connected.countDown();
          }
        }
      });
    }
    if (!connected.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("watchers did not connect");
    Thread.sleep(500);
    progress("warming up (JIT) with " + warm + " unmeasured changes");
    for (int n = 1; n <= warm; n++) {
      c.call("PATCH", "/api/v1/namespaces/bench/configmaps/w", "application/merge-patch+json", "{\"data\":{\"n\":\"" + n + "\"}}");
      Thread.sleep(200);
    }
    Thread.sleep(1000);
    progress("sending " + changes + " changes");
    long c0 = cpuNanos();
    for (int n = warm + 1; n <= total; n++) {
      started.set(n, System.nanoTime());
      c.call("PATCH", "/api/v1/namespaces/bench/configmaps/w", "application/merge-patch+json", "{\"data\":{\"n\":\"" + n + "\"}}");
      Thread.sleep(500); // one change at a time: the next starts after this one reached everyone
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (delays.size() < (long) watchers * changes && System.nanoTime() < deadline) Thread.sleep(20);
    long[] samples = delays.stream().mapToLong(Long::longValue).toArray();
    cpuPerDelivery = perOp(cpuNanos() - c0, samples.length);
    measured.countDown();
    if (Boolean.getBoolean("bench.perChange")) perChange.forEach((n, l) -> {
      Stats s = new Stats(l.stream().mapToLong(Long::longValue).toArray());
      progress("change " + n + ": p50 " + ms(s.percentileMillis(50)) + " p99 " + ms(s.percentileMillis(99)) + " max " + ms(s.percentileMillis(100)));
    });
    if (netty != null) netty.close();
    Stats s = new Stats(samples);
    return ms(s.percentileMillis(99)) + " (" + samples.length + "/" + (watchers * changes) + " delivered, p50 " + ms(s.percentileMillis(50)) + ")";
  }

  private static final byte[] CHANGE_MARK = "\"n\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The digits after the first {@code "n":"} in {@code buf[from, to)}, or -1. */
  static int changeNumber(byte[] buf, int from, int to) {
    outer:
    for (int i = from; i + CHANGE_MARK.length <= to; i++) {
      for (int j = 0; j < CHANGE_MARK.length; j++) if (buf[i + j] != CHANGE_MARK[j]) continue outer;
      int k = i + CHANGE_MARK.length;
      if (k >= to || buf[k] < '0' || buf[k] > '9') return -1;
      int n = 0;
      for (; k < to && buf[k] >= '0' && buf[k] <= '9'; k++) n = n * 10 + (buf[k] - '0');
      return n;
    }
    return -1;
  }

  /** One delivery's delay, also by change for {@code -Dbench.perChange=true} (which prints each change's spread). */
  private static void record(ConcurrentLinkedQueue<Long> all, Map<Integer, ConcurrentLinkedQueue<Long>> byChange, int change, long delay) {
    all.add(delay);
    byChange.computeIfAbsent(change, k -> new ConcurrentLinkedQueue<>()).add(delay);
  }

  // ---- helpers ----

  private String cpuPerDelivery = "-";

  /**
   * CPU time of this whole process (server and load generator): unlike rates and latencies it
   * hardly moves when other work shares the machine, so it compares runs on a busy machine.
   */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String perOp(long cpuNanos, long ops) { return ops == 0 ? "-" : String.format("%.0f", Math.max(0, cpuNanos) / 1e3 / ops); }

  interface Op { void run(int i) throws Exception; }

  void parallel(int n, Op op) throws Exception {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        fs.add(ex.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) op.run(i);
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    }
  }

  static long[] timed(int n, int threads, Op op) throws Exception {
    long[] out = new long[n];
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        fs.add(ex.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            long t = System.nanoTime();
            op.run(i);
            out[i] = System.nanoTime() - t;
          }
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    }
    return out;
  }

  static String rate(int n, long nanos) { return String.format("%.0f", n / (nanos / 1e9)); }

  static String ms(double v) { return String.format("%.2f", v); }

  void print() {
    List<String> names = new ArrayList<>(columns.keySet());
    List<String> rows = new ArrayList<>(columns.values().iterator().next().keySet());
    StringBuilder b = new StringBuilder("\n| measure |");
    for (String n : names) b.append(' ').append(n).append(" |");
    b.append(" target |\n|---|");
    names.forEach(n -> b.append("---|"));
    b.append("---|\n");
    for (String r : rows) {
      b.append("| ").append(r).append(" |");
      for (String n : names) b.append(' ').append(columns.get(n).getOrDefault(r, "-")).append(" |");
      b.append(' ').append(target(r)).append(" |\n");
    }
    System.out.println(b);
  }

  static String target(String row) {
    return switch (row) {
      case "creates/s" -> ">= 2000 (sqlite, API)";
      case "GET p99 ms", "update p99 ms" -> "<= 1000 (upstream SLO)";
      case "watch p99 ms" -> "< 100";
      default -> "";
    };
  }
}
