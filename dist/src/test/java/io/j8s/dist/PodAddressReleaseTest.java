package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.process.ProcessRunner;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.network.flannel.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod addresses are released: an address host-local still held for a sandbox that vanished while
 * the agent was down is released when the agent starts, and many pod create/delete cycles (200 by
 * default, {@code -Dj8s.test.podCycles=1000} for the figure) leave no address file and no
 * veth on the bridge behind. Pod CIDR 10.88.136.0/24 (cluster CIDR 10.88.136.0/23), used by no
 * other test; bridge cni0, removed afterwards.
 */
@Tag("integration")
class PodAddressReleaseTest {
  static final String NODE = "ipam-it";
  static final ControllerOptions OPTIONS = new ControllerOptions("10.88.136.0/23", 24, Duration.ofSeconds(40), null);
  static final int BATCH = 25;

  @Test
  void addressesAndVethsAreReleased(@TempDir Path dir) throws Exception {
    int cycles = Integer.getInteger("j8s.test.podCycles", 200);
    Path ipam = dir.resolve("agent/cni/ipam/j8s");
    Files.createDirectories(ipam);
    Path orphan = Files.writeString(ipam.resolve("10.88.136.250"), "0123456789abcdef-died-while-the-agent-was-down\r\neth0");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    try (ServerRuntime rt = NodeControllersTest.start(dir, OPTIONS); KubernetesClient admin = NodeControllersTest.client(dir)) {
      Agent agent = Agent.start(admin, AgentConfig.of(dir, NODE, null, null,
          CniPodNetwork.debian(admin, "10.88.136.0/23", Backend.VXLAN, System.out::println), line -> System.out.println("j8s: " + line)));
      try {
        assertThat(agent.awaitReady(Duration.ofSeconds(90))).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(orphan));

        long t0 = System.nanoTime();
        for (int done = 0; done < cycles; done += BATCH) {
          int n = Math.min(BATCH, cycles - done);
          for (int i = 0; i < n; i++) admin.pods().inNamespace("default").resource(pod("c" + (done + i))).create();
          await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> running(admin) == n);
          assertThat(addressFiles(ipam)).as("one address per running pod").hasSize(n);
          admin.pods().inNamespace("default").delete();
          await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
              .until(() -> admin.pods().inNamespace("default").list().getItems().isEmpty() && agent.cri().listPodSandbox().isEmpty());
        }
        System.out.printf("FIGURE %d pod create/delete cycles in batches of %d: %d s%n", cycles, BATCH, (System.nanoTime() - t0) / 1_000_000_000L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(addressFiles(ipam)).as("address files left").isEmpty();
          assertThat(new ProcessRunner().run("ip", "-o", "link", "show", "master", "cni0").stdout()).as("veths on cni0").isBlank();
        });
      } finally {
        agent.cri().removeAllPodSandboxes();
        agent.close();
        new ProcessRunner().run("ip", "link", "del", "cni0");
      }
    }
  }

  static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "cycle").endMetadata().withNewSpec()
        .withNodeName(NODE).withTerminationGracePeriodSeconds(0L).addNewContainer().withName("c").withImage("j8s.local/busybox:1")
        .withImagePullPolicy("IfNotPresent").withCommand("sleep", "3600").endContainer().endSpec().build();
  }

  static long running(KubernetesClient c) {
    return c.pods().inNamespace("default").list().getItems().stream()
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null).count();
  }

  static List<String> addressFiles(Path ipam) throws Exception {
    if (!Files.isDirectory(ipam)) return List.of();
    try (Stream<Path> s = Files.list(ipam)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")).toList();
    }
  }
}
