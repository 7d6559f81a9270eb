package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A DaemonSet on simulated nodes, driven with the real kubectl: one Ready pod per node, rollout status, history and undo. */
@Tag("integration")
@WithJ8sServer
class DaemonSetTest {
  static final String DS = """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
        namespace: default
      spec:
        selector:
          matchLabels: {app: agent}
        template:
          metadata:
            labels: {app: agent}
          spec:
            containers:
            - name: c
              image: busybox:1
      """;

  static List<Pod> pods(KubernetesClient c) {
    return c.pods().inNamespace("default").withLabel("app", "agent").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  static boolean onePerNode(KubernetesClient c, Set<String> nodes, String image) {
    List<Pod> ps = pods(c);
    return ps.size() == nodes.size() && ps.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()).equals(nodes)
        && ps.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals(image) && p.getStatus().getConditions() != null
            && p.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")));
  }

  @Test
  void onePodPerNodeAndRollouts(RunningServer server, Kubectl kubectl) {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "ds", 3)) {
      kubectl.okWithInput(DS, "apply", "-f", "-");
      await().atMost(Duration.ofSeconds(60)).until(() -> onePerNode(c, Set.of("ds-0", "ds-1", "ds-2"), "busybox:1"));
      assertThat(kubectl.ok("rollout", "status", "ds/agent", "--timeout=60s")).contains("successfully rolled out");
      var status = c.apps().daemonSets().inNamespace("default").withName("agent").get().getStatus();
      assertThat(List.of(status.getDesiredNumberScheduled(), status.getCurrentNumberScheduled(), status.getNumberReady(),
          status.getNumberAvailable(), status.getUpdatedNumberScheduled())).containsOnly(3);
      assertThat(pods(c)).allSatisfy(p -> assertThat(p.getSpec().getTolerations()).extracting(t -> t.getKey())
          .contains("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready"));

      kubectl.ok("set", "image", "ds/agent", "c=busybox:2");
      assertThat(kubectl.ok("rollout", "status", "ds/agent", "--timeout=90s")).contains("successfully rolled out");
      await().atMost(Duration.ofSeconds(30)).until(() -> onePerNode(c, Set.of("ds-0", "ds-1", "ds-2"), "busybox:2"));
      String history = kubectl.ok("rollout", "history", "ds/agent");
      assertThat(history).contains("REVISION").containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");

      kubectl.ok("rollout", "undo", "ds/agent");
      assertThat(c.apps().daemonSets().inNamespace("default").withName("agent").get().getSpec().getTemplate().getSpec().getContainers()
          .get(0).getImage()).isEqualTo("busybox:1");
      assertThat(kubectl.ok("rollout", "status", "ds/agent", "--timeout=90s")).contains("successfully rolled out");
      await().atMost(Duration.ofSeconds(30)).until(() -> onePerNode(c, Set.of("ds-0", "ds-1", "ds-2"), "busybox:1"));
      assertThat(kubectl.ok("rollout", "history", "ds/agent")).containsPattern("(?m)^3\\s");

      try (SimulatedNodes extra = SimulatedNodes.start(c, "extra", 1)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> onePerNode(c, Set.of("ds-0", "ds-1", "ds-2", "extra-0"), "busybox:1"));
      }
      c.nodes().withName("extra-0").delete();
      await().atMost(Duration.ofSeconds(30)).until(() -> pods(c).stream().noneMatch(p -> p.getSpec().getNodeName().equals("extra-0")));
      kubectl.ok("delete", "ds", "agent");
      await().atMost(Duration.ofSeconds(30)).until(() -> pods(c).isEmpty());
    }
  }
}
