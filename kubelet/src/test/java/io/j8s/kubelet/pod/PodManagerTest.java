package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodManagerTest {
  @Test
  void onlySpecMetadataOrDeletionChangesTriggerASync() {
    Pod p = new PodBuilder(TestPods.pod("Always", List.of(), "a")).editMetadata().withResourceVersion("5").endMetadata().build();
    Pod statusOnly = new PodBuilder(p).editMetadata().withResourceVersion("6").endMetadata().withNewStatus().withPhase("Running").endStatus().build();
    assertThat(PodManager.specChanged(p, statusOnly)).isFalse();
    assertThat(PodManager.specChanged(p, new PodBuilder(p).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build()))
        .isTrue();
    assertThat(PodManager.specChanged(p, new PodBuilder(p).editMetadata().addToLabels("a", "b").endMetadata().build())).isTrue();
    assertThat(PodManager.specChanged(p, new PodBuilder(p).editSpec().withActiveDeadlineSeconds(5L).endSpec().build())).isTrue();
    assertThat(PodManager.newer(statusOnly, p)).isTrue();
    assertThat(PodManager.newer(p, statusOnly)).isFalse();
  }

  @Test
  void thePodInformerKeepsRetryingItsFirstListWhileTheApiIsUnreachable() throws Exception {
    // nothing listens on port 1 of loopback: every list is refused
    var config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
      var informer = PodManager.podInformer(client, "n", () -> false);
      var started = informer.start().toCompletableFuture();
      Thread.sleep(1500);
      assertThat(started).isNotDone();
      assertThat(informer.isRunning()).isTrue();
      assertThat(informer.hasSynced()).isFalse();
      informer.stop();
    }
  }
}
