package io.j8s.dist;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.j8s.apiserver.ApiServer;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.apiserver.pki.ClusterPki;
import io.j8s.controllers.ControllerManager;
import io.j8s.controllers.certificates.SigningCa;
import io.j8s.controllers.runtime.ControllerOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running j8s server: the API server, and the controllers talking to it through the API with
 * the admin kubeconfig (they would run unchanged against any API server).
 */
public final class ServerRuntime implements AutoCloseable {
  private final ApiServer api;
  private final KubernetesClient client;
  private final ControllerManager controllers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServerRuntime(ApiServer api, KubernetesClient client, ControllerManager controllers) {
    this.api = api;
    this.client = client;
    this.controllers = controllers;
  }

  public static ServerRuntime start(ApiServerConfig config) throws Exception {
    return start(config, ControllerOptions.DEFAULTS);
  }

  public static ServerRuntime start(ApiServerConfig config, ControllerOptions options) throws Exception {
    ApiServer api = ApiServer.start(config);
    if (options.signingCa() == null) {
      java.nio.file.Path tls = config.dataDir().resolve("server/tls");
      options = options.withSigningCa(new SigningCa(tls.resolve("client-ca.crt"), tls.resolve("client-ca.key")));
    }
    try {
      KubernetesClient client = adminClient(api);
      return new ServerRuntime(api, client, new ControllerManager(client, options).start());
    } catch (Exception | Error e) {
      api.close();
      throw e;
    }
  }

  private static KubernetesClient adminClient(ApiServer api) throws java.io.IOException {
    Config c = Config.fromKubeconfig(Files.readString(api.pki().adminKubeconfig()));
    c.setMasterUrl("https://127.0.0.1:" + api.port());
    return new KubernetesClientBuilder().withConfig(c).build();
  }

  /** A new admin client over loopback; the caller closes it. */
  public KubernetesClient newClient() throws java.io.IOException {
    return adminClient(api);
  }

  /**
   * A client that is node {@code nodeName} ({@code system:node:<name>} in system:nodes), with a
   * client certificate the server issues directly (no CSR round trip), kept as
   * {@code <data-dir>/agent/kubelet.kubeconfig}: the embedded agent's credential. The caller closes it.
   */
  public KubernetesClient newNodeClient(java.nio.file.Path dataDir, String nodeName) throws Exception {
    java.nio.file.Path file = dataDir.resolve("agent/kubelet.kubeconfig");
    Files.createDirectories(file.getParent());
    ClusterPki.writeUserKubeconfig(dataDir, file, "https://127.0.0.1:" + api.port(), "system:node:" + nodeName, List.of("system:nodes"));
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(file))).build();
  }

  public ApiServer api() { return api; }

  public ControllerManager controllers() { return controllers; }

  /** Stops the controllers (releasing their lease), then the API server; a second call does nothing. */
  @Override public void close() {
    if (!closed.compareAndSet(false, true)) return;
    controllers.close();
    client.close();
    api.close();
  }
}
