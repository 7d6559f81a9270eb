package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's "a rolling update never drops below the allowed availability", end to end: a
 * Deployment (8 replicas, maxSurge 2, maxUnavailable 1, minReadySeconds 1) on simulated nodes,
 * its pods and its status watched through a whole image change. At every pod event: at least
 * 7 Ready pods not being deleted, at most 10 pods not being deleted; at every status update
 * after the first rollout: availableReplicas at least 7.
 */
@Tag("integration")
@WithJ8sServer
class RollingUpdateAvailabilityTest {
  static final String NS = "avail";
  static final int REPLICAS = 8;
  static final int MAX_SURGE = 2;
  static final int MAX_UNAVAILABLE = 1;

  @Test
  void aRollingUpdateKeepsTheAllowedAvailabilityThroughout(RunningServer server) throws Exception {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "ru", 3)) {
      c.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      c.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
          .withNewSpec().withReplicas(REPLICAS).withMinReadySeconds(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
          .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString(MAX_SURGE))
          .withMaxUnavailable(new IntOrString(MAX_UNAVAILABLE)).endRollingUpdate().endStrategy()
          .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("img:1").endContainer().endSpec().endTemplate().endSpec().build())
          .create();
      await().atMost(Duration.ofSeconds(60)).until(() -> complete(c, 1));

      List<String> violations = new CopyOnWriteArrayList<>();
      AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
      AtomicInteger maxPods = new AtomicInteger();
      AtomicInteger events = new AtomicInteger();
      SharedIndexInformer<Pod> pods = c.pods().inNamespace(NS).withLabel("app", "web").inform();
      SharedIndexInformer<Deployment> deploys = c.apps().deployments().inNamespace(NS).withName("web").inform();
      try {
        Runnable check = () -> {
          events.incrementAndGet();
          List<Pod> live = pods.getStore().list().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
          long ready = live.stream().filter(RollingUpdateAvailabilityTest::ready).count();
          minReady.accumulateAndGet((int) ready, Math::min);
          maxPods.accumulateAndGet(live.size(), Math::max);
          if (ready < REPLICAS - MAX_UNAVAILABLE) violations.add(ready + " ready pods");
          if (live.size() > REPLICAS + MAX_SURGE) violations.add(live.size() + " pods");
        };
        pods.addEventHandler(new ResourceEventHandler<>() {
          @Override public void onAdd(Pod p) { check.run(); }
          @Override public void onUpdate(Pod a, Pod b) { check.run(); }
          @Override public void onDelete(Pod p, boolean unknown) { check.run(); }
        });
        deploys.addEventHandler(new ResourceEventHandler<>() {
          @Override public void onAdd(Deployment d) { checkStatus(d, violations); }
          @Override public void onUpdate(Deployment a, Deployment b) { checkStatus(b, violations); }
          @Override public void onDelete(Deployment d, boolean unknown) { }
        });
        check.run();

        c.apps().deployments().inNamespace(NS).withName("web").edit(d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("img:2");
          return d;
        });
        await().atMost(Duration.ofSeconds(90)).until(() -> complete(c, 2)
            && pods.getStore().list().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).count() == REPLICAS);
        check.run();
      } finally {
        pods.close();
        deploys.close();
      }
      System.out.printf("rolling update of %d replicas (surge %d, unavailable %d): %d pod events, min %d Ready, max %d pods%n",
          REPLICAS, MAX_SURGE, MAX_UNAVAILABLE, events.get(), minReady.get(), maxPods.get());
      assertThat(violations).as("availability bounds").isEmpty();
      assertThat(maxPods.get()).as("the rollout surged").isGreaterThan(REPLICAS);
      assertThat(c.pods().inNamespace(NS).withLabel("app", "web").list().getItems()).filteredOn(p -> p.getMetadata().getDeletionTimestamp() == null)
          .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("img:2"));
    }
  }

  static void checkStatus(Deployment d, List<String> violations) {
    Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
    if (available == null || available < REPLICAS - MAX_UNAVAILABLE) violations.add("status availableReplicas " + available);
  }

  static boolean complete(KubernetesClient c, long generation) {
    Deployment d = c.apps().deployments().inNamespace(NS).withName("web").get();
    var s = d.getStatus();
    return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= generation
        && eq(s.getUpdatedReplicas()) && eq(s.getAvailableReplicas()) && eq(s.getReplicas()) && eq(s.getReadyReplicas());
  }

  static boolean eq(Integer n) { return n != null && n == REPLICAS; }

  static boolean ready(Pod p) {
    return p.getStatus() != null && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True"));
  }
}
