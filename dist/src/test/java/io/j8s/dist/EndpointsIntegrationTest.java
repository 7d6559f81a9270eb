package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.testkit.kubectl.Kubectl;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.WithJ8sServer;
import io.j8s.testkit.sim.SimulatedNodes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** EndpointSlice and Endpoints controllers and the service load balancer against a whole server, with simulated nodes. */
@Tag("integration")
@WithJ8sServer
class EndpointsIntegrationTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  static Pod pod(String ns, String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox")
        .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort().endContainer().endSpec().build();
  }

  static void namespace(KubernetesClient c, String ns) {
    c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
  }

  static List<String> podIps(KubernetesClient c, String ns) {
    return c.pods().inNamespace(ns).list().getItems().stream().map(p -> p.getStatus().getPodIP()).sorted().toList();
  }

  static boolean allRunning(KubernetesClient c, String ns, int n) {
    var pods = c.pods().inNamespace(ns).list().getItems();
    return pods.size() == n && pods.stream().allMatch(p -> p.getStatus() != null && p.getStatus().getPodIP() != null);
  }

  static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).sorted().toList();
  }

  @Test
  void exposedPodsShowUpInSlicesAndEndpointsAndFollowReadiness(RunningServer server, Kubectl k) {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "epa", 2)) {
      String ns = "expose";
      namespace(c, ns);
      for (int i = 0; i < 3; i++) c.pods().resource(pod(ns, "web-" + i, "epa-" + (i % 2))).create();
      await().atMost(WAIT).until(() -> allRunning(c, ns, 3));
      List<String> ips = podIps(c, ns);
      k.ok("-n", ns, "expose", "pod", "web-0", "--name=web", "--port=80", "--target-port=http", "--selector=app=web");

      await().atMost(WAIT).untilAsserted(() -> assertThat(words(k.ok("-n", ns, "get", "endpointslices", "-l", "kubernetes.io/service-name=web",
          "-o", "jsonpath={.items[*].endpoints[*].addresses[0]}"))).isEqualTo(ips));
      String slices = k.ok("-n", ns, "get", "endpointslices");
      assertThat(slices).contains("web-").contains("IPv4").contains("8080");
      for (String ip : ips) assertThat(slices).contains(ip);
      EndpointSlice slice = c.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", "web").list().getItems().get(0);
      assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
      assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("web"));
      assertThat(slice.getEndpoints()).allSatisfy(e -> {
        assertThat(e.getConditions().getReady()).isTrue();
        assertThat(e.getNodeName()).startsWith("epa-");
        assertThat(e.getTargetRef().getName()).startsWith("web-");
      });

      await().atMost(WAIT).untilAsserted(() -> assertThat(words(k.ok("-n", ns, "get", "endpoints", "web",
          "-o", "jsonpath={.subsets[*].addresses[*].ip}"))).isEqualTo(ips));
      String table = k.ok("-n", ns, "get", "endpoints", "web");
      assertThat(table).contains("ENDPOINTS").contains(":8080");
      assertThat(k.ok("-n", ns, "get", "endpoints", "web", "-o", "jsonpath={.metadata.labels}")).contains("skip-mirror");

      // web-1 turns unready: its node stops playing kubelet so the status stays as set here
      Pod p1 = c.pods().inNamespace(ns).withName("web-1").get();
      nodes.fail(p1.getSpec().getNodeName());
      c.pods().inNamespace(ns).withName("web-1").editStatus(p -> new PodBuilder(p).editStatus().withConditions(
          new PodConditionBuilder().withType("Ready").withStatus("False").build()).endStatus().build());
      String ip1 = p1.getStatus().getPodIP();
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "endpointslices", "-l", "kubernetes.io/service-name=web",
          "-o", "jsonpath={range .items[*].endpoints[*]}{.addresses[0]}={.conditions.ready}/{.conditions.serving} {end}"))
          .contains(ip1 + "=false/false"));
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "endpoints", "web",
          "-o", "jsonpath={.subsets[*].notReadyAddresses[*].ip}")).isEqualTo(ip1));

      // a deleted pod leaves both
      c.pods().inNamespace(ns).withName("web-2").withGracePeriod(0).delete();
      String ip2 = ips.stream().filter(ip -> !ip.equals(ip1)).filter(ip -> !ip.equals(c.pods().inNamespace(ns).withName("web-0").get()
          .getStatus().getPodIP())).findFirst().orElseThrow();
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "endpointslices", "-o", "jsonpath={.items[*].endpoints[*].addresses[0]}"))
          .doesNotContain(ip2));
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "endpoints", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}"))
          .doesNotContain(ip2));
      nodes.recover(p1.getSpec().getNodeName());

      // the service goes: its Endpoints go too, its slices with it
      k.ok("-n", ns, "delete", "service", "web");
      await().atMost(WAIT).until(() -> c.endpoints().inNamespace(ns).withName("web").get() == null
          && c.discovery().v1().endpointSlices().inNamespace(ns).list().getItems().isEmpty());
    }
  }

  @Test
  void twoHundredFiftyPodsMakeThreeSlices(RunningServer server, Kubectl k) {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "epb", 3)) {
      String ns = "many";
      namespace(c, ns);
      try (ExecutorService creators = Executors.newFixedThreadPool(8)) { // never the common pool
        for (int i = 0; i < 250; i++) {
          Pod p = pod(ns, "web-" + i, "epb-" + (i % 3));
          creators.submit(() -> c.pods().resource(p).create());
        }
      }
      await().atMost(Duration.ofSeconds(180)).until(() -> allRunning(c, ns, 250));
      k.okWithInput("""
          apiVersion: v1
          kind: Service
          metadata: {name: web}
          spec:
            selector: {app: web}
            ports: [{name: http, port: 80, targetPort: http}]
          """, "-n", ns, "create", "-f", "-");
      await().atMost(WAIT).untilAsserted(() -> {
        var slices = c.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", "web").list().getItems();
        assertThat(slices).extracting(s -> s.getEndpoints().size()).containsExactlyInAnyOrder(100, 100, 50);
      });
      assertThat(words(k.ok("-n", ns, "get", "endpointslices", "-o", "jsonpath={.items[*].endpoints[*].addresses[0]}"))).isEqualTo(podIps(c, ns));
      await().atMost(WAIT).untilAsserted(() -> assertThat(words(k.ok("-n", ns, "get", "endpoints", "web",
          "-o", "jsonpath={.subsets[*].addresses[*].ip}"))).hasSize(250));
    }
  }

  @Test
  void loadBalancerServiceGetsNodeAddresses(RunningServer server, Kubectl k) {
    try (KubernetesClient c = server.client(); SimulatedNodes nodes = SimulatedNodes.start(c, "epc", 2)) {
      String ns = "lb";
      namespace(c, ns);
      k.ok("-n", ns, "create", "service", "loadbalancer", "front", "--tcp=80:8080");
      await().atMost(WAIT).untilAsserted(() -> {
        List<String> nodeIps = c.nodes().list().getItems().stream()
            .filter(n -> n.getStatus().getConditions().stream().anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")))
            .flatMap(n -> n.getStatus().getAddresses().stream()).filter(a -> a.getType().equals("InternalIP")).map(a -> a.getAddress()).toList();
        assertThat(nodeIps).isNotEmpty();
        String shown = k.ok("-n", ns, "get", "svc", "front");
        assertThat(shown).contains("EXTERNAL-IP");
        for (String ip : nodeIps) assertThat(shown).contains(ip);
      });
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "events"))
          .contains("EnsuredLoadBalancer"));
      // the type alone, as users do: the API server drops the untouched externalTrafficPolicy and NodePorts, as upstream
      k.ok("-n", ns, "patch", "svc", "front", "--type=merge", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}");
      await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("-n", ns, "get", "svc", "front", "-o", "jsonpath={.status.loadBalancer}"))
          .doesNotContain("ip"));
    }
  }
}
