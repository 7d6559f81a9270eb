package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.controllers.runtime.ControllerOptions;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.sim.SimulatedNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node IPAM, node lifecycle (with a 15 s grace period) and the ServiceAccount controller against a whole server with simulated nodes. */
@Tag("integration")
class NodeControllersTest {
  static final ControllerOptions OPTIONS = new ControllerOptions("10.42.0.0/16", 24, Duration.ofSeconds(15), null);

  static ServerRuntime start(Path dir) throws Exception {
    return start(dir, OPTIONS);
  }

  static ServerRuntime start(Path dir, ControllerOptions options) throws Exception {
    return ServerRuntime.start(new ApiServerConfig(dir, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES), options);
  }

  static KubernetesClient client(Path dir) throws Exception {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig.yaml")))).build();
  }

  static Map<String, String> podCidrs(KubernetesClient c) {
    return c.nodes().list().getItems().stream().filter(n -> n.getSpec().getPodCIDR() != null)
        .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n.getSpec().getPodCIDR()));
  }

  @Test
  void nodesGetDistinctPodCidrsThatSurviveARestart(@TempDir Path dir) throws Exception {
    Map<String, String> before;
    try (ServerRuntime rt = start(dir); KubernetesClient c = client(dir); SimulatedNodes nodes = SimulatedNodes.start(c, "ipam", 4)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> podCidrs(c).size() == 4);
      before = podCidrs(c);
      assertThat(new HashSet<>(before.values())).hasSize(4).allMatch(x -> x.startsWith("10.42.") && x.endsWith(".0/24"));
      for (Node n : c.nodes().list().getItems()) assertThat(n.getSpec().getPodCIDRs()).containsExactly(n.getSpec().getPodCIDR());
      c.nodes().withName("ipam-3").delete();
    }
    try (ServerRuntime rt = start(dir); KubernetesClient c = client(dir); SimulatedNodes late = SimulatedNodes.start(c, "late", 2)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> podCidrs(c).size() == 5);
      Map<String, String> after = podCidrs(c);
      for (String n : List.of("ipam-0", "ipam-1", "ipam-2")) assertThat(after.get(n)).isEqualTo(before.get(n));
      assertThat(new HashSet<>(after.values())).as("unique after restart: %s", after).hasSize(5);
    }
  }

  @Test
  void aFullRangeIsReportedAndAFreedSubnetReused(@TempDir Path dir) throws Exception {
    ControllerOptions two = new ControllerOptions("10.50.0.0/23", 24, Duration.ofSeconds(15), null);
    try (ServerRuntime rt = start(dir, two); KubernetesClient c = client(dir); SimulatedNodes nodes = SimulatedNodes.start(c, "full", 3)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> podCidrs(c).size() == 2);
      String waiting = c.nodes().list().getItems().stream().filter(n -> n.getSpec().getPodCIDR() == null).findFirst().orElseThrow()
          .getMetadata().getName();
      await().atMost(Duration.ofSeconds(20)).until(() -> c.v1().events().inNamespace("default").list().getItems().stream()
          .anyMatch(e -> "CIDRNotAvailable".equals(e.getReason()) && waiting.equals(e.getInvolvedObject().getName())));
      String victim = podCidrs(c).keySet().iterator().next();
      String freed = podCidrs(c).get(victim);
      c.nodes().withName(victim).delete();
      await().atMost(Duration.ofSeconds(30)).until(() -> freed.equals(podCidrs(c).get(waiting)));
    }
  }

  @Test
  void lostNodeIsTaintedAndItsPodsEvictedAfterTheirToleration(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = start(dir); KubernetesClient c = client(dir); SimulatedNodes nodes = SimulatedNodes.start(c, "life", 3)) {
      c.pods().resource(pod("short", "life-0", new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 5L, null))).create();
      c.pods().resource(pod("forever", "life-0", new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", null, null))).create();
      c.pods().resource(pod("defaulted", "life-0")).create();
      c.pods().resource(pod("elsewhere", "life-1")).create();
      assertThat(c.pods().inNamespace("default").withName("defaulted").get().getSpec().getTolerations())
          .extracting(Toleration::getKey, Toleration::getTolerationSeconds)
          .contains(org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", 300L));
      await().atMost(Duration.ofSeconds(30)).until(() -> ready(c, "short") && ready(c, "forever") && ready(c, "elsewhere"));

      nodes.fail("life-0");
      long failedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(45)).until(() -> "Unknown".equals(readyStatus(c.nodes().withName("life-0").get())));
      Node lost = c.nodes().withName("life-0").get();
      var cond = lost.getStatus().getConditions().stream().filter(x -> x.getType().equals("Ready")).findFirst().orElseThrow();
      assertThat(cond.getReason()).isEqualTo("NodeStatusUnknown");
      assertThat(cond.getMessage()).isEqualTo("Kubelet stopped posting node status.");
      assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(5)); // not before the lease ran out
      await().atMost(Duration.ofSeconds(10)).until(() -> taintKeys(c.nodes().withName("life-0").get())
          .containsAll(Set.of("node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule")));
      await().atMost(Duration.ofSeconds(10)).until(() -> !ready(c, "forever"));

      await().atMost(Duration.ofSeconds(20)).until(() -> gone(c, "short"));
      assertThat(c.v1().events().inNamespace("default").list().getItems())
          .anyMatch(e -> "TaintManagerEviction".equals(e.getReason()) && "Marking for deletion Pod default/short".equals(e.getMessage()));
      Thread.sleep(3_000);
      assertThat(gone(c, "forever")).isFalse();
      assertThat(gone(c, "defaulted")).isFalse(); // 300 s
      assertThat(gone(c, "elsewhere")).isFalse();
      assertThat(ready(c, "elsewhere")).isTrue();
      for (String healthy : List.of("life-1", "life-2")) {
        assertThat(readyStatus(c.nodes().withName(healthy).get())).isEqualTo("True");
        assertThat(taintKeys(c.nodes().withName(healthy).get())).isEmpty();
      }
    }
  }

  @Test
  void namespacesGetADefaultServiceAccount(@TempDir Path dir) throws Exception {
    try (ServerRuntime rt = start(dir); KubernetesClient c = client(dir)) {
      Kubectl kubectl = new Kubectl(dir.resolve("kubeconfig.yaml"));
      kubectl.ok("create", "namespace", "team-a");
      await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.ok("get", "sa", "-n", "team-a").contains("default"));
      assertThat(kubectl.ok("get", "sa", "-n", "kube-system", "-o", "name")).contains("serviceaccount/default");
      kubectl.ok("delete", "sa", "default", "-n", "team-a");
      await().atMost(Duration.ofSeconds(20)).until(() -> c.serviceAccounts().inNamespace("team-a").withName("default").get() != null);
    }
  }

  static Pod pod(String name, String node, Toleration... t) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().withNewSpec().withNodeName(node)
        .addNewContainer().withName("c").withImage("busybox").endContainer().withTolerations(t).endSpec().build();
  }

  static boolean gone(KubernetesClient c, String pod) {
    Pod p = c.pods().inNamespace("default").withName(pod).get();
    return p == null || p.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean ready(KubernetesClient c, String pod) {
    Pod p = c.pods().inNamespace("default").withName(pod).get();
    return p != null && p.getStatus() != null && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True"));
  }

  static String readyStatus(Node n) {
    return n.getStatus().getConditions().stream().filter(x -> x.getType().equals("Ready")).map(x -> x.getStatus()).findFirst().orElse(null);
  }

  static Set<String> taintKeys(Node n) {
    List<Taint> t = n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints();
    return t.stream().map(x -> x.getKey() + ":" + x.getEffect()).collect(Collectors.toSet());
  }
}
