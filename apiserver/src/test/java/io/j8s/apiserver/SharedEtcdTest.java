package io.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.j8s.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two j8s servers on one etcd cluster serve the same objects and see each other's writes. */
@Tag("integration")
class SharedEtcdTest {

  @Test
  void twoServersOnOneEtcd(@TempDir Path tmp) throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(3, tmp.resolve("etcd"))) {
      String endpoint = "etcd://" + etcd.endpoints().replace("http://", "");
      try (ApiServer a = ApiServer.start(config(tmp.resolve("a"), endpoint));
           ApiServer b = ApiServer.start(config(tmp.resolve("b"), endpoint));
           KubernetesClient ca = client(tmp.resolve("a"));
           KubernetesClient cb = client(tmp.resolve("b"))) {
        List<String> seenOnB = new CopyOnWriteArrayList<>();
        try (var w = cb.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
          @Override public void eventReceived(Action action, ConfigMap cm) { seenOnB.add(action + ":" + cm.getMetadata().getName()); }
          @Override public void onClose(WatcherException cause) { }
        })) {
          ca.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("from-a").endMetadata()
              .addToData("k", "v").build()).create();
          await().atMost(Duration.ofSeconds(15)).until(() -> seenOnB.contains("ADDED:from-a"));
        }
        assertThat(cb.configMaps().inNamespace("default").withName("from-a").get().getData()).containsEntry("k", "v");
        assertThat(cb.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
            .contains("default", "kube-system", "kube-public", "kube-node-lease");
      }
    }
  }

  private static ApiServerConfig config(Path dir, String endpoint) {
    return new ApiServerConfig(dir, "127.0.0.1", 0, endpoint, "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  private static KubernetesClient client(Path dir) throws Exception {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig.yaml")))).build();
  }
}
