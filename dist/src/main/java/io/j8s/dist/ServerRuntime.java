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
 * A running j8s server: the API server, and the controllers and scheduler talking to it through the
 * API (they would run unchanged against any API server), each with its own least-privilege
 * identity ({@link ComponentIdentity}): the controllers as {@code system:kube-controller-manager},
 * the scheduler as {@code system:kube-scheduler}.
 */
public final class ServerRuntime implements AutoCloseable {
  private final ApiServer api;
  private final java.nio.file.Path dataDir;
  private final KubernetesClient client;
  private final KubernetesClient schedulerClient;
  private final ControllerManager controllers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServerRuntime(ApiServer api, java.nio.file.Path dataDir, KubernetesClient client, KubernetesClient schedulerClient,
      ControllerManager controllers) {
    this.api = api;
    this.dataDir = dataDir;
    this.client = client;
    this.schedulerClient = schedulerClient;
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
    KubernetesClient client = null;
    KubernetesClient schedulerClient = null;
    try {
      client = ComponentIdentity.CONTROLLER_MANAGER.client(config.dataDir(), loopback(api));
      schedulerClient = ComponentIdentity.SCHEDULER.client(config.dataDir(), loopback(api));
      return new ServerRuntime(api, config.dataDir(), client, schedulerClient,
          new ControllerManager(client, schedulerClient, options).start());
    } catch (Exception | Error e) {
      if (schedulerClient != null) schedulerClient.close();
      if (client != null) client.close();
      api.close();
      throw e;
    }
  }

  private static String loopback(ApiServer api) { return "https://127.0.0.1:" + api.port(); }

  /** A new client that is the cluster DNS ({@code system:coredns}); the caller closes it. */
  public KubernetesClient newDnsClient() throws Exception {
    return ComponentIdentity.DNS.client(dataDir, loopback(api));
  }

  private static KubernetesClient adminClient(ApiServer api) throws java.io.IOException {
    Config c = Config.fromKubeconfig(Files.readString(api.pki().adminKubeconfig()));
    c.setMasterUrl("https://127.0.0.1:" + api.port());
    return new KubernetesClientBuilder().withConfig(c).build();
  }

  /** A new admin client (system:masters) over loopback, for installing and for tests; the caller closes it. */
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
    schedulerClient.close();
    client.close();
    api.close();
  }
}
