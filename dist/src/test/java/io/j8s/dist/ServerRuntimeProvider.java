package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.apiserver.ApiServerConfig;
import io.j8s.kubelet.Agent;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.ServerOptions;
import io.j8s.testkit.server.ServerProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The whole j8s server (API server and controllers, and the embedded agent when asked) for end-to-end tests. */
public final class ServerRuntimeProvider implements ServerProvider {
  @Override
  public RunningServer start(ServerOptions options) throws Exception {
    ServerRuntime rt = ServerRuntime.start(new ApiServerConfig(options.dataDir(), "127.0.0.1", 0, options.datastoreEndpoint(),
        "10.43.0.0/16", List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES));
    KubernetesClient agentClient = null;
    Agent agent = null;
    if (options.agent()) {
      try {
        agentClient = rt.newClient();
        agent = new NodeAgentOptions().start(agentClient, options.dataDir(), io.j8s.controllers.runtime.ControllerOptions.DEFAULTS.clusterCidr(), null);
      } catch (Exception | Error e) {
        if (agentClient != null) agentClient.close();
        rt.close();
        throw e;
      }
    }
    Agent a = agent;
    KubernetesClient ac = agentClient;
    return new RunningServer() {
      @Override public URI url() { return URI.create("https://127.0.0.1:" + rt.api().port()); }
      @Override public Path kubeconfig() { return options.dataDir().resolve("kubeconfig.yaml"); }
      @Override public Path dataDir() { return options.dataDir(); }
      @Override public void close() {
        if (a != null) a.close();
        if (ac != null) ac.close();
        rt.close();
      }
    };
  }
}
