package io.j8s.testkit.server;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A started test server. */
public interface RunningServer extends AutoCloseable {
  URI url();
  Path kubeconfig();
  Path dataDir();
  @Override void close();

  /** A new fabric8 client with the admin kubeconfig; the caller closes it. */
  default KubernetesClient client() {
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig()))).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig(), e);
    }
  }
}
