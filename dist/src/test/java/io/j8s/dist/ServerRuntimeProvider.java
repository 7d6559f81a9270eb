package io.j8s.dist;

import io.j8s.apiserver.ApiServerConfig;
import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.ServerOptions;
import io.j8s.testkit.server.ServerProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The whole j8s server (API server and controllers) for end-to-end tests. */
public final class ServerRuntimeProvider implements ServerProvider {
  @Override
  public RunningServer start(ServerOptions options) throws Exception {
    ServerRuntime rt = ServerRuntime.start(new ApiServerConfig(options.dataDir(), "127.0.0.1", 0, options.datastoreEndpoint(),
        "10.43.0.0/16", List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES));
    return new RunningServer() {
      @Override public URI url() { return URI.create("https://127.0.0.1:" + rt.api().port()); }
      @Override public Path kubeconfig() { return options.dataDir().resolve("kubeconfig.yaml"); }
      @Override public Path dataDir() { return options.dataDir(); }
      @Override public void close() { rt.close(); }
    };
  }
}
