package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The scheduler in the whole server: pods bound to simulated nodes; an unschedulable pod as kubectl describes it, bound once a node appears. */
@Tag("integration")
@WithJ8sServer
class SchedulerIntegrationTest {

  static Pod pod(String name, String cpu) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").withNewResources()
        .withRequests(Map.of("cpu", new Quantity(cpu))).endResources().endContainer().endSpec().build();
  }

  static String node(KubernetesClient c, String pod) {
    Pod p = c.pods().inNamespace("default").withName(pod).get();
    return p == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
  }

  @Test
  void bindsPodsAndReportsTheUnschedulable(RunningServer server, Kubectl k) {
    try (KubernetesClient c = server.client(); SimulatedNodes sim = SimulatedNodes.start(c, "small", 2)) {
      for (int i = 0; i < 6; i++) c.pods().resource(pod("fit-" + i, "8")).create();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        for (int i = 0; i < 6; i++) assertThat(node(c, "fit-" + i)).isIn(sim.names());
      });
      // 6 x 8 cpu on 2 x 32: spread by least-allocated, never more than 4 per node
      assertThat(c.pods().inNamespace("default").list().getItems().stream().filter(p -> sim.names().get(0).equals(p.getSpec().getNodeName())).count())
          .isBetween(2L, 4L);
      assertThat(k.ok("get", "pod", "fit-0", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].status}")).isEqualTo("True");
      assertThat(k.ok("describe", "pod", "fit-0")).contains("Scheduled").contains("Successfully assigned default/fit-0 to small-");

      c.pods().resource(pod("huge", "40")).create();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        String d = k.ok("describe", "pod", "huge");
        assertThat(d).contains("FailedScheduling").contains("0/2 nodes are available: 2 Insufficient cpu.");
        assertThat(k.ok("get", "pod", "huge", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")).isEqualTo("Unschedulable");
      });
      assertThat(node(c, "huge")).isEmpty();

      try (SimulatedNodes big = SimulatedNodes.start(c, "big", 1)) {
        // the simulated nodes are 32 cpu; make the new one large enough for "huge"
        c.nodes().withName(big.names().get(0)).editStatus(n -> {
          n.getStatus().getAllocatable().put("cpu", new Quantity("64"));
          n.getStatus().getCapacity().put("cpu", new Quantity("64"));
          return n;
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(node(c, "huge")).isEqualTo(big.names().get(0)));
        assertThat(k.ok("describe", "pod", "huge")).contains("Successfully assigned default/huge to " + big.names().get(0));
      }
    }
  }
}
