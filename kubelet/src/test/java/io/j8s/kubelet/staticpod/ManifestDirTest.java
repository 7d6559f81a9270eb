package io.j8s.kubelet.staticpod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDirTest {
  @Test
  void readsRegularNonDotFilesAndKeepsTheLastGoodPodsOfABrokenFile(@TempDir Path dir) throws Exception {
    Path manifests = dir.resolve("pod-manifests");
    ManifestDir source = new ManifestDir(manifests, "n", Duration.ofDays(1), p -> {});
    assertThat(source.read()).isEmpty(); // a missing directory holds no pods
    Files.createDirectories(manifests.resolve("sub"));
    Files.writeString(manifests.resolve("web.yaml"), StaticPodManifestsTest.WEB);
    Files.writeString(manifests.resolve(".hidden.yaml"), StaticPodManifestsTest.WEB.replace("name: web", "name: hidden"));
    Files.writeString(manifests.resolve("sub/db.yaml"), StaticPodManifestsTest.WEB.replace("name: web", "name: db"));
    assertThat(names(source.read())).containsExactly("web-n");

    Files.writeString(manifests.resolve("web.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: web");
    assertThat(names(source.read())).containsExactly("web-n");
    Files.writeString(manifests.resolve("web.yaml"), StaticPodManifestsTest.WEB.replace("3600", "60"));
    List<Pod> changed = source.read();
    assertThat(names(changed)).containsExactly("web-n");
    assertThat(changed.getFirst().getSpec().getContainers().getFirst().getCommand()).containsExactly("sleep", "60");
    Files.delete(manifests.resolve("web.yaml"));
    assertThat(source.read()).isEmpty();
  }

  static List<String> names(List<Pod> pods) { return pods.stream().map(p -> p.getMetadata().getName()).toList(); }
}
