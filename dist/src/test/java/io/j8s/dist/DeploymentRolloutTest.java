package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deployments end to end with the real kubectl: the ReplicaSet and Deployment controllers run in
 * the server, the scheduler binds their pods to simulated nodes, which run them.
 */
@Tag("integration")
@WithJ8sServer
class DeploymentRolloutTest {
  static final String NS = "roll";

  @Test
  void rolloutScaleSetImageHistoryUndoPauseRestartDelete(RunningServer server, Kubectl k) throws Exception {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, 3)) {
      k.ok("create", "namespace", NS);
      k.ok("-n", NS, "create", "deployment", "web", "--image=img:1", "--replicas=3");
      assertThat(rolloutStatus(k)).contains("deployment \"web\" successfully rolled out");
      List<ReplicaSet> rss = replicaSets(c);
      assertThat(rss).hasSize(1);
      ReplicaSet first = rss.get(0);
      String hash = first.getMetadata().getLabels().get("pod-template-hash");
      assertThat(first.getMetadata().getName()).isEqualTo("web-" + hash);
      assertThat(first.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
          .containsEntry("deployment.kubernetes.io/desired-replicas", "3").containsEntry("deployment.kubernetes.io/max-replicas", "4");
      assertThat(first.getMetadata().getOwnerReferences().get(0).getBlockOwnerDeletion()).isTrue();
      assertThat(pods(c)).hasSize(3).allSatisfy(p -> assertThat(p.getMetadata().getName()).matches("web-" + hash + "-[a-z0-9]{5}"));
      assertThat(k.ok("-n", NS, "get", "deploy", "web", "-o", "jsonpath={.status.readyReplicas}/{.status.availableReplicas}"
          + " {.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).isEqualTo("3/3 1");

      // kubectl scale goes through the scale subresource
      k.ok("-n", NS, "scale", "deployment", "web", "--replicas=5");
      assertThat(rolloutStatus(k)).contains("successfully rolled out");
      await().atMost(Duration.ofSeconds(30)).until(() -> pods(c).size() == 5);

      // set image: a new ReplicaSet, the old one scaled to 0
      k.ok("-n", NS, "set", "image", "deployment/web", "img=img:2");
      assertThat(rolloutStatus(k)).contains("successfully rolled out");
      await().atMost(Duration.ofSeconds(30)).until(() -> images(c).equals(List.of("img:2", "img:2", "img:2", "img:2", "img:2")));
      assertThat(replicaSets(c)).hasSize(2);
      assertThat(k.ok("-n", NS, "get", "rs", first.getMetadata().getName(), "-o", "jsonpath={.spec.replicas}")).isEqualTo("0");
      String history = k.ok("-n", NS, "rollout", "history", "deployment/web");
      assertThat(history).contains("REVISION").containsPattern("(?m)^1 ").containsPattern("(?m)^2 ");
      assertThat(k.ok("-n", NS, "rollout", "history", "deployment/web", "--revision=1")).contains("img:1");
      assertThat(k.ok("-n", NS, "get", "events", "--field-selector", "involvedObject.name=web", "-o", "jsonpath={.items[*].message}"))
          .contains("Scaled up replica set web-" + hash + " from 0 to 3");

      // undo: back to img:1 in the first ReplicaSet, now revision 3
      assertThat(k.ok("-n", NS, "rollout", "undo", "deployment/web")).contains("rolled back");
      assertThat(rolloutStatus(k)).contains("successfully rolled out");
      await().atMost(Duration.ofSeconds(30)).until(() -> images(c).equals(List.of("img:1", "img:1", "img:1", "img:1", "img:1")));
      assertThat(k.ok("-n", NS, "get", "rs", first.getMetadata().getName(), "-o",
          "jsonpath={.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).isEqualTo("5 3");
      assertThat(k.ok("-n", NS, "rollout", "history", "deployment/web")).containsPattern("(?m)^3 ").doesNotContainPattern("(?m)^1 ");

      // pause: a template change makes no ReplicaSet until resumed
      k.ok("-n", NS, "rollout", "pause", "deployment/web");
      k.ok("-n", NS, "set", "image", "deployment/web", "img=img:3");
      await().atMost(Duration.ofSeconds(20)).until(() -> k.ok("-n", NS, "get", "deploy", "web", "-o",
          "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}").equals("DeploymentPaused"));
      Thread.sleep(1000);
      assertThat(replicaSets(c)).hasSize(2);
      assertThat(k.run("-n", NS, "rollout", "undo", "deployment/web").stderr()).contains("cannot rollback a paused deployment");
      k.ok("-n", NS, "rollout", "resume", "deployment/web");
      assertThat(rolloutStatus(k)).contains("successfully rolled out");
      assertThat(replicaSets(c)).hasSize(3);

      // restart: a new template (restartedAt annotation), a new ReplicaSet
      k.ok("-n", NS, "rollout", "restart", "deployment/web");
      assertThat(rolloutStatus(k)).contains("successfully rolled out");
      assertThat(replicaSets(c)).hasSize(4);
      assertThat(k.ok("-n", NS, "get", "deploy", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"))
          .isEqualTo("5");

      // delete: the garbage collector removes ReplicaSets and pods
      k.ok("-n", NS, "delete", "deployment", "web");
      await().atMost(Duration.ofSeconds(60)).until(() -> replicaSets(c).isEmpty() && pods(c).isEmpty());
    }
  }

  static String rolloutStatus(Kubectl k) {
    return k.ok("-n", NS, "rollout", "status", "deployment/web", "--timeout=60s");
  }

  static List<ReplicaSet> replicaSets(KubernetesClient c) {
    return c.apps().replicaSets().inNamespace(NS).list().getItems();
  }

  static List<Pod> pods(KubernetesClient c) {
    return c.pods().inNamespace(NS).list().getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  static List<String> images(KubernetesClient c) {
    return pods(c).stream().map(p -> p.getSpec().getContainers().get(0).getImage()).sorted().toList();
  }
}
