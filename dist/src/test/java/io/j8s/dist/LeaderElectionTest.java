package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one etcd: one set of controllers runs; when its server stops, the other's take over. */
@Tag("integration")
class LeaderElectionTest {

  @Test
  void oneLeaderAndFailover(@TempDir Path tmp) throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(1, tmp.resolve("etcd"))) {
      String endpoint = "etcd://" + etcd.endpoints().replace("http://", "");
      ServerRuntime a = ServerRuntime.start(config(tmp.resolve("a"), endpoint));
      ServerRuntime b = ServerRuntime.start(config(tmp.resolve("b"), endpoint));
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> a.controllers().leading() || b.controllers().leading());
        ServerRuntime leader = a.controllers().leading() ? a : b;
        ServerRuntime other = leader == a ? b : a;
        try (KubernetesClient c = client(tmp.resolve(other == a ? "a" : "b"))) {
          Thread.sleep(4_000); // two retry periods: the other must still be standing by
          assertThat(other.controllers().leading()).isFalse();
          assertThat(c.leases().inNamespace("kube-system").withName("j8s-controller-manager").get().getSpec().getHolderIdentity())
              .isEqualTo(leader.controllers().identity());

          leader.close();
          await().atMost(Duration.ofSeconds(30)).until(() -> other.controllers().leading());

          // the new leader's namespace controller finishes a namespace deletion
          c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("after-failover").endMetadata().build()).create();
          c.namespaces().withName("after-failover").delete();
          await().atMost(Duration.ofSeconds(30)).until(() -> c.namespaces().withName("after-failover").get() == null);
        }
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static ApiServerConfig config(Path dir, String endpoint) {
    return new ApiServerConfig(dir, "127.0.0.1", 0, endpoint, "10.43.0.0/16", List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  private static KubernetesClient client(Path dir) throws Exception {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig.yaml")))).build();
  }
}
