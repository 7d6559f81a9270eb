package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allocations live in the datastore: they survive restarts and are shared by API servers on one etcd. */
@Tag("integration")
class ServiceAddressingRestartTest {

  @Test
  void allocationsSurviveARestart(@TempDir Path tmp) throws Exception {
    Set<String> before = new HashSet<>();
    try (ApiServer a = ApiServer.start(config(tmp, "sqlite:")); KubernetesClient c = client(tmp)) {
      for (int i = 0; i < 30; i++) before.addAll(List.of(create(c, "old-" + i, i % 2 == 0).split(",")));
    }
    try (ApiServer a = ApiServer.start(config(tmp, "sqlite:")); KubernetesClient c = client(tmp)) {
      assertThat(c.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP()).isEqualTo("10.43.0.1");
      Set<String> after = new HashSet<>();
      for (int i = 0; i < 30; i++) after.addAll(List.of(create(c, "new-" + i, i % 2 == 0).split(",")));
      assertThat(before).hasSize(45);
      assertThat(after).hasSize(45).doesNotContainAnyElementsOf(before);
    }
  }

  @Test
  void twoServersOnOneEtcdNeverShareAnAddressAndBothAreEndpoints(@TempDir Path tmp) throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(1, tmp.resolve("etcd"))) {
      String endpoint = "etcd://" + etcd.endpoints().replace("http://", "");
      ApiServer b = ApiServer.start(config(tmp.resolve("b"), endpoint));
      boolean bOpen = true;
      try (ApiServer a = ApiServer.start(config(tmp.resolve("a"), endpoint));
           KubernetesClient ca = client(tmp.resolve("a"));
           KubernetesClient cb = client(tmp.resolve("b"))) {
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
          for (int i = 0; i < 60; i++) {
            KubernetesClient c = i % 2 == 0 ? ca : cb;
            String name = "s-" + i;
            results.add(pool.submit(() -> create(c, name, true)));
          }
        }
        Set<String> values = new HashSet<>();
        for (Future<String> f : results) for (String v : f.get().split(",")) assertThat(values.add(v)).as(v).isTrue();
        assertThat(values).hasSize(120);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          Endpoints ep = ca.endpoints().inNamespace("default").withName("kubernetes").get();
          Set<Integer> ports = new HashSet<>();
          ep.getSubsets().forEach(s -> s.getPorts().forEach(p -> ports.add(p.getPort())));
          assertThat(ports).containsExactlyInAnyOrder(a.port(), b.port());
        });
        b.close();
        bOpen = false;
        Endpoints ep = ca.endpoints().inNamespace("default").withName("kubernetes").get();
        assertThat(ep.getSubsets()).hasSize(1);
        assertThat(ep.getSubsets().get(0).getPorts().get(0).getPort()).isEqualTo(a.port());
      } finally {
        if (bOpen) b.close();
      }
    }
  }

  /** Creates a Service (NodePort if asked) and returns "clusterIP[,nodePort]". */
  private static String create(KubernetesClient c, String name, boolean nodePort) {
    Service s = c.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withType(nodePort ? "NodePort" : "ClusterIP").addNewPort().withPort(80).endPort().endSpec().build()).create();
    String ip = s.getSpec().getClusterIP();
    return nodePort ? ip + "," + s.getSpec().getPorts().get(0).getNodePort() : ip;
  }

  private static ApiServerConfig config(Path dir, String endpoint) {
    return new ApiServerConfig(dir, "127.0.0.1", 0, endpoint, "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  private static KubernetesClient client(Path dir) throws Exception {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig.yaml")))).build();
  }
}
