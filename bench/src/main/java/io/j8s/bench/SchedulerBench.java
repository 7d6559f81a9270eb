package io.j8s.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.base.time.Clock;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Informers;
import io.j8s.controllers.scheduler.Scheduler;
import io.j8s.controllers.scheduler.SchedulerEngine;
import io.j8s.controllers.scheduler.SchedulerEngine.Attempt;
import io.j8s.controllers.scheduler.SchedulerEngine.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scheduler benchmark: {@code --pods} pending pods (created up front) on each node count of
 * {@code --nodes}; end to end, the time from starting the scheduler (informers list and sync,
 * then scheduling and binding through the API server) until the scheduler's pod informer has
 * seen every pod bound; beside it, the physical limit of the algorithm on this machine: the
 * same nodes and pods through the scheduling engine alone (no API calls; a binding is confirmed
 * at once).
 *
 * <p>Usage: {@code SchedulerBench [--pods N] [--nodes 100,1000]}. Nodes are plain Node objects
 * (Ready, 32 cpu, 256Gi, 110 pods, as the simulated nodes); no stand-in kubelet runs, so the
 * server's only load is the scheduler's.
 */
public final class SchedulerBench {
  int pods = 10_000;
  List<Integer> nodeCounts = List.of(100, 1_000);
  static final Map<String, Quantity> CAPACITY = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
      "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));

  public static void main(String[] args) throws Exception {
    SchedulerBench b = new SchedulerBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pods" -> b.pods = Integer.parseInt(args[++i]);
        case "--nodes" -> b.nodeCounts = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --pods N --nodes 100,1000");
      }
    }
    b.run();
    System.exit(0);
  }

  void run() throws Exception {
    Map<Integer, double[]> rows = new LinkedHashMap<>();
    for (int n : nodeCounts) {
      progress(n + " nodes: engine alone (warm-up, then measured)");
      algorithm(n);
      double pure = algorithm(n);
      double api = endToEnd(n);
      rows.put(n, new double[] {api, pure});
    }
    System.out.printf("%n%-40s %22s %22s%n", "(" + pods + " pending pods, pods/s)", "end to end (API)", "engine alone (no API)");
    rows.forEach((n, r) -> System.out.printf("%-40s %22.0f %22.0f%n", n + " nodes", r[0], r[1]));
  }

  static void progress(String s) { System.err.println("bench: " + s); }

  static Node node(int i) {
    String name = "node-" + i;
    return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
        .addToLabels("topology.kubernetes.io/zone", "zone-" + (i % 3)).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().withCapacity(CAPACITY).withAllocatable(CAPACITY)
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition().endStatus().build();
  }

  static Pod pod(int i) {
    return new PodBuilder().withNewMetadata().withName("pod-" + i).withNamespace("default").addToLabels("app", "bench-" + (i % 10)).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi"))).endResources().endContainer().endSpec().build();
  }

  /** The engine alone: every pod scheduled and its binding confirmed at once; pods per second. */
  double algorithm(int nodes) {
    SchedulerEngine e = new SchedulerEngine(Clock.system(), 1);
    for (int i = 0; i < nodes; i++) e.post(new Event.NodeUpsert(node(i)));
    List<Pod> ps = new ArrayList<>(pods);
    for (int i = 0; i < pods; i++) ps.add(pod(i));
    long t0 = System.nanoTime();
    for (Pod p : ps) e.post(new Event.PodUpsert(p));
    int bound = 0;
    for (Attempt a = e.scheduleOne(); !(a instanceof Attempt.Idle); a = e.scheduleOne()) {
      if (a instanceof Attempt.Assumed s) {
        Pod p = new PodBuilder(s.pod().pod()).editSpec().withNodeName(s.node()).endSpec().build();
        e.post(new Event.PodUpsert(p));
        bound++;
      }
    }
    double rate = bound / ((System.nanoTime() - t0) / 1e9);
    if (bound != pods) throw new IllegalStateException("engine bound " + bound + " of " + pods);
    return rate;
  }

  double endToEnd(int nodes) throws Exception {
    Path dir = Files.createTempDirectory("j8s-bench-scheduler");
    try (ApiServer server = ApiServer.start(ApiServerConfig.forTest(dir.resolve("server")))) {
      Config cfg = Config.fromKubeconfig(Files.readString(server.pki().adminKubeconfig()));
      cfg.setMasterUrl("https://127.0.0.1:" + server.port());
      try (KubernetesClient c = new KubernetesClientBuilder().withConfig(cfg).build()) {
        progress(nodes + " nodes: registering nodes");
        parallel(nodes, i -> {
          Node n = node(i);
          c.nodes().resource(n).create();
          c.nodes().withName(n.getMetadata().getName()).editStatus(x -> { x.setStatus(n.getStatus()); return x; });
        });
        progress(nodes + " nodes: creating " + pods + " pending pods");
        parallel(pods, i -> c.pods().resource(pod(i)).create());
        progress(nodes + " nodes: starting the scheduler");
        long t0 = System.nanoTime();
        Informers informers = new Informers(c);
        var podInformer = informers.of(Pod.class);
        Scheduler scheduler = new Scheduler(new ControllerContext(c, informers, new EventRecorder(c, "default-scheduler", Clock.system()),
            Clock.system()), 1);
        informers.start();
        while (!informers.awaitSynced(java.time.Duration.ofSeconds(30))) progress("waiting for informers");
        scheduler.start();
        long last = 0, lastReport = System.nanoTime();
        while (true) {
          long bound = podInformer.getStore().list().stream().filter(p -> p.getSpec().getNodeName() != null).count();
          if (bound >= pods) break;
          if (System.nanoTime() - lastReport > 5_000_000_000L) {
            progress(bound + " bound");
            lastReport = System.nanoTime();
            if (bound == last) throw new IllegalStateException("no progress: " + bound + " of " + pods + " bound");
            last = bound;
          }
          Thread.sleep(20);
        }
        double rate = pods / ((System.nanoTime() - t0) / 1e9);
        scheduler.close();
        informers.close();
        progress(nodes + " nodes: " + Math.round(rate) + " pods/s end to end");
        return rate;
      }
    }
  }

  interface Task { void run(int i) throws Exception; }

  static void parallel(int n, Task t) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32, Thread.ofVirtual().factory());
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      fs.add(pool.submit(() -> { t.run(k); return null; }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
  }
}
