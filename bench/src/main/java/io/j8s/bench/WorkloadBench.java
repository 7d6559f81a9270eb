package io.j8s.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.dist.ServerRuntime;
import io.j8s.testkit.sim.SimulatedNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Workload benchmark on simulated nodes: how long a Deployment of N replicas takes to become
 * available, and to roll out a new template, beside the floor for the same API work done
 * directly (N pods created already bound, run by the same simulated nodes, then replaced).
 *
 * <p>Usage: {@code WorkloadBench [--replicas N] [--nodes N]}.
 */
public final class WorkloadBench {
  int replicas = 1_000;
  int nodes = 100;

  public static void main(String[] args) throws Exception {
    WorkloadBench b = new WorkloadBench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--replicas" -> b.replicas = Integer.parseInt(args[++i]);
        case "--nodes" -> b.nodes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --replicas N --nodes N");
      }
    }
    b.run();
    System.exit(0);
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("j8s-bench-workload");
    try (ServerRuntime server = ServerRuntime.start(ApiServerConfig.forTest(dir.resolve("server")));
         KubernetesClient c = server.newClient();
         SimulatedNodes sim = start(c)) {
      progress("direct: " + replicas + " bound pods created by the client");
      double directUp = seconds(() -> createPods(c, sim, "direct-a"), () -> ready(c, "app=direct-a") == replicas, "direct pods ready");
      double directRoll = seconds(() -> {
        createPods(c, sim, "direct-b");
        c.pods().inNamespace("default").withLabel("app", "direct-a").delete();
      }, () -> ready(c, "app=direct-b") == replicas && count(c, "app=direct-a") == 0, "direct pods replaced");
      c.pods().inNamespace("default").withLabel("app", "direct-b").delete();

      progress("Deployment of " + replicas + " replicas");
      double deployUp = seconds(() -> c.apps().deployments().resource(deployment("v1")).create(),
          () -> available(c, 1), "deployment available");
      double deployRoll = seconds(() -> c.apps().deployments().inNamespace("default").withName("web")
              .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("web:v2"); return d; }),
          () -> available(c, 2), "rolling update complete");

      System.out.printf("%n%-44s %14s %14s%n", "(" + replicas + " pods, " + nodes + " simulated nodes, seconds)", "Deployment", "direct floor");
      System.out.printf("%-44s %14.1f %14.1f%n", "create until all available", deployUp, directUp);
      System.out.printf("%-44s %14.1f %14.1f%n", "rolling update / replace all", deployRoll, directRoll);
    }
  }

  private SimulatedNodes start(KubernetesClient c) {
    progress("registering " + nodes + " simulated nodes");
    return SimulatedNodes.start(c, nodes);
  }

  private Deployment deployment(String version) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("web:" + version).endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  /** The rollout of generation {@code generation} is complete: every replica updated and available. */
  private boolean available(KubernetesClient c, long generation) {
    Deployment d = c.apps().deployments().inNamespace("default").withName("web").get();
    var s = d.getStatus();
    return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= generation
        && eq(s.getUpdatedReplicas(), replicas) && eq(s.getAvailableReplicas(), replicas) && eq(s.getReplicas(), replicas);
  }

  private static boolean eq(Integer a, int b) { return a != null && a == b; }

  private void createPods(KubernetesClient c, SimulatedNodes sim, String app) {
    ExecutorService pool = Executors.newFixedThreadPool(32, Thread.ofVirtual().factory());
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      Pod p = new PodBuilder().withNewMetadata().withName(app + "-" + i).withNamespace("default").addToLabels("app", app).endMetadata()
          .withNewSpec().withNodeName(sim.names().get(i % sim.names().size()))
          .addNewContainer().withName("web").withImage("web:v1").endContainer().endSpec().build();
      fs.add(pool.submit(() -> c.pods().resource(p).create()));
    }
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException("creating pods failed", e);
      }
    }
    pool.shutdown();
  }

  private static long ready(KubernetesClient c, String selector) {
    return c.pods().inNamespace("default").withLabelSelector(selector).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")))
        .count();
  }

  private static int count(KubernetesClient c, String selector) {
    return c.pods().inNamespace("default").withLabelSelector(selector).list().getItems().size();
  }

  /** Runs {@code action}, then polls {@code done} every 200 ms; seconds from start to done. */
  private static double seconds(Runnable action, BooleanSupplier done, String what) throws InterruptedException {
    long t0 = System.nanoTime();
    action.run();
    long lastReport = t0;
    while (!done.getAsBoolean()) {
      Thread.sleep(200);
      long now = System.nanoTime();
      if (now - lastReport > 5_000_000_000L) {
        progress("waiting for " + what + " (" + (now - t0) / 1_000_000_000 + " s)");
        lastReport = now;
      }
      if (now - t0 > 600_000_000_000L) throw new IllegalStateException(what + ": not done after 10 minutes");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  static void progress(String s) { System.err.println("bench: " + s); }
}
