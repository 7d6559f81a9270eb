package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulated-node tool against a real server: what controller tests rely on it to do. */
@Tag("integration")
@WithJ8sServer
class SimulatedNodesTest {

  static Pod pod(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
  }

  @Test
  void nodesRegisterHeartbeatRunPodsAndFail(RunningServer server) {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "simt", 3)) {
      assertThat(c.nodes().list().getItems()).extracting(n -> n.getMetadata().getName()).contains("simt-0", "simt-1", "simt-2");
      var ready = c.nodes().withName("simt-1").get().getStatus().getConditions().stream().filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(c.leases().inNamespace("kube-node-lease").withName("simt-2").get().getSpec().getHolderIdentity()).isEqualTo("simt-2");

      c.pods().resource(pod("a", "simt-1")).create();
      Pod running = await().atMost(Duration.ofSeconds(20)).until(() -> c.pods().inNamespace("default").withName("a").get(),
          p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null);
      assertThat(running.getStatus().getHostIP()).isEqualTo("172.30.0.2");
      assertThat(running.getStatus().getConditions()).anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True"));

      c.pods().inNamespace("default").withName("a").delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> c.pods().inNamespace("default").withName("a").get() == null);

      nodes.fail("simt-0");
      ZonedDateTime before = c.leases().inNamespace("kube-node-lease").withName("simt-0").get().getSpec().getRenewTime();
      c.pods().resource(pod("b", "simt-0")).create();
      ZonedDateTime otherBefore = c.leases().inNamespace("kube-node-lease").withName("simt-1").get().getSpec().getRenewTime();
      await().atMost(Duration.ofSeconds(25)).until(() -> c.leases().inNamespace("kube-node-lease").withName("simt-1").get().getSpec().getRenewTime().isAfter(otherBefore));
      assertThat(c.leases().inNamespace("kube-node-lease").withName("simt-0").get().getSpec().getRenewTime()).isEqualTo(before);
      assertThat(c.pods().inNamespace("default").withName("b").get().getStatus().getPhase()).isNotEqualTo("Running");

      c.nodes().withName("simt-0").editStatus(n -> { // as the node lifecycle controller marks a silent node
        n.getStatus().getConditions().stream().filter(x -> x.getType().equals("Ready")).forEach(x -> x.setStatus("Unknown"));
        return n;
      });
      nodes.recover("simt-0");
      assertThat(c.nodes().withName("simt-0").get().getStatus().getConditions())
          .anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True"));
      await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(c.pods().inNamespace("default").withName("b").get().getStatus().getPhase()));
    }
  }
}
