package io.j8s.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.j8s.api.status.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pod startup latency on one real node: a {@code j8s server --disable-agent} and a
 * {@code j8s agent} as two processes in this network namespace, real containerd, the local pause
 * image already present. For batches of N pods created at once (already bound to the node, so the
 * scheduler is not measured): per pod, the time from sending its create to seeing it Running, and
 * Ready, through a watch; p50/p90/p99 and the time until the whole batch is Running. Also the agent
 * process's RSS (and containerd's) idle and with 30 pods. Beside each batch, the floor on this
 * machine: the same pods started all at once straight through CRI ({@link CriBaseline}).
 *
 * <p>Usage: {@code PodStartupBench [--batches 1,30,100]}; with {@code J8S_BENCH_KEEP=1} in the environment the server's and
 * agent's data dirs and logs are kept (their path is printed).
 */
public final class PodStartupBench {
  static final String NODE = "bench-node";
  List<Integer> batches = List.of(1, 30, 100);

  public static void main(String[] args) throws Exception {
    PodStartupBench b = new PodStartupBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--batches" -> b.batches = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --batches 1,30,100");
      }
    }
    b.run();
    System.exit(0);
  }

  record BatchResult(int pods, Stats running, Stats ready, double allRunningSeconds, NodeCost cost) {}

  /** The floor's batch: its latencies, containerd's CPU seconds and the load average before and after. */
  record FloorResult(Stats running, double containerdCpu, String loadavg) {}

  private Path dir;
  private long agentPid;
  private long serverPid;

  void run() throws Exception {
    Map<Integer, FloorResult> floor = new java.util.TreeMap<>();
    progress("raw CRI floor: the same pods straight through CRI on a containerd of their own");
    try (CriBaseline cri = CriBaseline.start()) {
      cri.batch(3); // warm-up, as for j8s below
      for (int n : batches) {
        progress("raw CRI batch of " + n + " pods");
        String load = NodeCost.loadAverage();
        double cpu = cri.containerdCpu();
        Stats st = cri.batch(n);
        floor.put(n, new FloorResult(st, cri.containerdCpu() - cpu, load + " -> " + NodeCost.loadAverage()));
      }
    }
    dir = Files.createTempDirectory("j8s-bench-pods");
    List<Process> processes = new ArrayList<>();
    try {
      Process server = spawn(dir.resolve("server.log"), "server", "--data-dir", dir.resolve("server").toString(), "--disable-agent");
      processes.add(server);
      serverPid = server.pid();
      Path kubeconfig = dir.resolve("server/kubeconfig.yaml");
      awaitFile(kubeconfig, server);
      Path token = dir.resolve("server/server/node-token");
      awaitFile(token, server);
      Process agent = spawn(dir.resolve("agent.log"), "agent", "--server", "https://127.0.0.1:6443",
          "--token", Files.readString(token).strip(), "--server-ca", dir.resolve("server/server/tls/server-ca.crt").toString(),
          "--data-dir", dir.resolve("agent").toString(), "--node-name", NODE,
          // the kubelet API, so that its /metrics (CRI calls by operation) can be read through the API server
          "--kubelet-client-ca", dir.resolve("server/server/tls/client-ca.crt").toString());
      processes.add(0, agent);
      agentPid = agent.pid();
      try (KubernetesClient c = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
        progress("waiting for node " + NODE + " to be Ready");
        waitUntil(() -> {
          var n = c.nodes().withName(NODE).get();
          return n != null && Readiness.nodeReady(n);
        }, agent, "node Ready");
        runBatch(c, 3, "warmup"); // JIT, first sandbox, CNI plugin binaries in page cache
        deleteAll(c, agent);
        Memory idle = Memory.of(agent.pid());
        List<BatchResult> results = new ArrayList<>();
        Memory loaded = null;
        for (int n : batches) {
          results.add(runBatch(c, n, "b" + n));
          if (n == 30) {
            loaded = Memory.of(agent.pid());
            if (System.getenv("J8S_BENCH_NMT") != null) nmt(agent.pid(), dir.resolve("nmt-30.txt"));
          }
          deleteAll(c, agent);
        }
        print(results, floor, idle, loaded);
      } finally {
        try (KubernetesClient c = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
          if (agent.isAlive()) deleteAll(c, agent); // the agent removes the sandboxes (and their mounts) before it stops
        } catch (Exception e) {
          progress("cleanup: " + e);
        }
      }
    } finally {
      for (Process p : processes) {
        p.destroy();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
      }
      if (System.getenv("J8S_BENCH_KEEP") != null) progress("kept the server's and agent's data and logs in " + dir);
      else new ProcessBuilder("rm", "-rf", "--one-file-system", dir.toString()).inheritIO().start().waitFor();
    }
  }

  BatchResult runBatch(KubernetesClient c, int n, String prefix) throws Exception {
    progress("batch of " + n + " pods");
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> running = new ConcurrentHashMap<>();
    Map<String, Long> ready = new ConcurrentHashMap<>();
    NodeCost before = NodeCost.of(c, NODE, agentPid, serverPid);
    try (Watch w = c.pods().inNamespace("default").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod p) {
        long now = System.nanoTime();
        String name = p.getMetadata().getName();
        if (!name.startsWith(prefix + "-")) return; // another batch's pods (e.g. still terminating)
        if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) running.putIfAbsent(name, now);
        if (Readiness.podReady(p)) ready.putIfAbsent(name, now);
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<?>> fs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String name = prefix + "-" + i;
        fs.add(pool.submit(() -> {
          sent.put(name, System.nanoTime());
          return c.pods().resource(pod(name)).create();
        }));
      }
      for (Future<?> f : fs) f.get();
      pool.shutdown();
      waitUntil(() -> ready.size() >= n && running.size() >= n, null, n + " pods Running and Ready");
      long last = running.values().stream().mapToLong(Long::longValue).max().orElse(t0);
      NodeCost cost = NodeCost.of(c, NODE, agentPid, serverPid).minus(before);
      if (System.getenv("J8S_BENCH_KEEP") != null) { // per pod: monotonic nanos of the create sent and of Running seen
        StringBuilder b = new StringBuilder();
        sent.forEach((name, t) -> b.append(name).append('\t').append(t).append('\t').append(running.get(name)).append('\n'));
        Files.writeString(dir.resolve(prefix + "-pods.tsv"), b);
      }
      return new BatchResult(n, latencies(sent, running), latencies(sent, ready), (last - t0) / 1e9, cost);
    }
  }

  static Stats latencies(Map<String, Long> sent, Map<String, Long> seen) {
    return new Stats(sent.entrySet().stream().mapToLong(e -> seen.get(e.getKey()) - e.getValue()).toArray());
  }

  static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("bench", "pods").endMetadata()
        .withNewSpec().withNodeName(NODE).withTerminationGracePeriodSeconds(1L)
        .addNewContainer().withName("pause").withImage("j8s.local/pause:1").withImagePullPolicy("IfNotPresent").endContainer()
        .endSpec().build();
  }

  void deleteAll(KubernetesClient c, Process agent) throws Exception {
    c.pods().inNamespace("default").withLabel("bench", "pods").delete();
    waitUntil(() -> c.pods().inNamespace("default").withLabel("bench", "pods").list().getItems().isEmpty(), agent, "pods deleted");
  }

  void print(List<BatchResult> results, Map<Integer, FloorResult> floor, Memory idle, Memory loaded) {
    System.out.printf("%n%-34s %8s %8s %8s %14s   %s%n", "create -> Running (ms)", "p50", "p90", "p99", "batch all (s)", "anchor");
    for (BatchResult r : results) {
      String anchor = r.pods() == 30 ? "upstream 1,140 / 1,740 / 2,060 ms; target p99 <= 1,500" : r.pods() == 100 ? "target batch <= 30 s" : "";
      System.out.printf("%-34s %8.0f %8.0f %8.0f %14.1f   %s%n", r.pods() + " pods", r.running().percentileMillis(50),
          r.running().percentileMillis(90), r.running().percentileMillis(99), r.allRunningSeconds(), anchor);
      Stats f = floor.containsKey(r.pods()) ? floor.get(r.pods()).running() : null;
      if (f != null) {
        System.out.printf("%-34s %8.0f %8.0f %8.0f %14.1f   %s%n", "  raw CRI floor, " + r.pods() + " pods", f.percentileMillis(50),
            f.percentileMillis(90), f.percentileMillis(99), f.percentileMillis(100) / 1000, "same pods, no API/kubelet");
      }
    }
    System.out.printf("%n%-34s %8s %8s %8s %8s   %s%n", "CPU seconds per batch", "agent", "server", "contd", "floor", "load avg j8s / floor");
    for (BatchResult r : results) {
      FloorResult f = floor.get(r.pods());
      System.out.printf("%-34s %8.2f %8.2f %8.2f %8.2f   %s / %s%n", r.pods() + " pods", r.cost().agentCpu(), r.cost().serverCpu(),
          r.cost().containerdCpu(), f == null ? Double.NaN : f.containerdCpu(), r.cost().loadavg(), f == null ? "-" : f.loadavg());
    }
    for (BatchResult r : results) {
      StringBuilder b = new StringBuilder();
      r.cost().agentThreads().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
          .forEach(e -> b.append(String.format(" %s %.2f;", e.getKey(), e.getValue())));
      System.out.printf("  agent threads, %d pods:%s%n", r.pods(), b);
    }
    System.out.printf("%n%-34s %s%n", "CRI calls per pod start", "(kubelet_runtime_operations_total during the batch / pods)");
    for (BatchResult r : results) {
      StringBuilder b = new StringBuilder();
      r.cost().criCalls().forEach((op, k) -> b.append(String.format(" %s %.1f", op, k / (double) r.pods())));
      System.out.printf("%-34s %5.1f:%s%n", r.pods() + " pods", r.cost().totalCalls() / (double) r.pods(), b);
    }
    System.out.printf("%n%-34s %8s %8s %8s%n", "create -> Ready (ms)", "p50", "p90", "p99");
    for (BatchResult r : results) {
      System.out.printf("%-34s %8.0f %8.0f %8.0f%n", r.pods() + " pods", r.ready().percentileMillis(50),
          r.ready().percentileMillis(90), r.ready().percentileMillis(99));
    }
    System.out.printf("%n%-34s %12s %12s   %s%n", "RSS (MB)", "agent JVM", "containerd", "anchor");
    System.out.printf("(agent JVM options: %s; environment: %s)%n", System.getenv().getOrDefault("J8S_AGENT_JVM_OPTS", "JVM defaults"),
        System.getenv().getOrDefault("J8S_AGENT_ENV", "-"));
    System.out.printf("%-34s %12.0f %12.0f   %s%n", "idle node", idle.agentMb(), idle.containerdMb(), "k3s agent 275 MB");
    if (loaded != null) {
      System.out.printf("%-34s %12.0f %12.0f   %s%n", "30 pods running", loaded.agentMb(), loaded.containerdMb(), "target agent <= 200 MB");
    }
  }

  /** RSS of the agent JVM and of its containerd child (shims not counted: one per pod, runc's). */
  record Memory(double agentMb, double containerdMb) {
    static Memory of(long agentPid) {
      double containerd = ProcessHandle.of(agentPid).map(h -> h.descendants()
          .filter(d -> d.info().command().map(cmd -> cmd.endsWith("/containerd")).orElse(false))
          .mapToDouble(d -> rssMb(d.pid())).sum()).orElse(0.0);
      return new Memory(rssMb(agentPid), containerd);
    }

    static double rssMb(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      } catch (IOException e) {
        return Double.NaN;
      }
      return Double.NaN;
    }
  }

  /** The agent's native memory summary into a file (its path printed). */
  static void nmt(long pid, Path out) throws Exception {
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true)
        .redirectOutput(out.toFile()).start().waitFor();
    progress("native memory of the agent with 30 pods: " + out);
  }

  /** {@code j8s <args>} as a child process running this classpath's dist. */
  static Process spawn(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    // an agent gets the JVM options `./j8s agent` gives it (the launcher passes them on)
    String agentOpts = System.getenv("J8S_AGENT_JVM_OPTS");
    if (args[0].equals("agent") && agentOpts != null && !agentOpts.isBlank()) cmd.addAll(List.of(agentOpts.trim().split("\\s+")));
    // J8S_BENCH_NMT=1: the agent tracks its native memory, summarised (jcmd) with 30 pods running
    if (args[0].equals("agent") && System.getenv("J8S_BENCH_NMT") != null) cmd.add("-XX:NativeMemoryTracking=summary");
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.j8s.dist.Main"));
    cmd.addAll(List.of(args));
    progress("starting j8s " + args[0] + " (log: " + log + ")");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    String agentEnv = System.getenv("J8S_AGENT_ENV"); // K=V ... the launcher sets for `./j8s agent` (MALLOC_ARENA_MAX)
    if (args[0].equals("agent") && agentEnv != null) {
      for (String kv : agentEnv.trim().split("\\s+")) {
        int eq = kv.indexOf('=');
        if (eq > 0) pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return pb.start();
  }

  static void awaitFile(Path f, Process owner) throws Exception {
    waitUntil(() -> Files.isRegularFile(f) && Files.size(f) > 0, owner, f.getFileName().toString());
  }

  interface Check {
    boolean done() throws Exception;
  }

  /** Polls every 50 ms for up to 5 minutes; fails at once if {@code owner} exits. */
  static void waitUntil(Check check, Process owner, String what) throws Exception {
    long t0 = System.nanoTime();
    long lastReport = t0;
    while (true) {
      try {
        if (check.done()) return;
      } catch (Exception e) {
        // the server may still be starting
      }
      if (owner != null && !owner.isAlive()) throw new IllegalStateException(what + ": the process exited with " + owner.exitValue());
      long now = System.nanoTime();
      if (now - lastReport > 10_000_000_000L) {
        progress("waiting for " + what + " (" + (now - t0) / 1_000_000_000 + " s)");
        lastReport = now;
      }
      if (now - t0 > 300_000_000_000L) throw new IllegalStateException(what + ": not done after 5 minutes");
      Thread.sleep(50);
    }
  }

  static void progress(String s) { System.err.println("bench: " + s); }
}
