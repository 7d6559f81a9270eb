package io.j8s.apiserver;

import io.j8s.testkit.server.RunningServer;
import io.j8s.testkit.server.ServerOptions;
import io.j8s.testkit.server.ServerProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Starts an in-process API server for tests using the testkit's server extension. */
public final class ApiServerProvider implements ServerProvider {
  @Override
  public RunningServer start(ServerOptions options) throws Exception {
    ApiServerConfig config = new ApiServerConfig(options.dataDir(), "127.0.0.1", 0, options.datastoreEndpoint(),
        "10.43.0.0/16", List.of("127.0.0.1"), ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES);
    ApiServer server = ApiServer.start(config);
    return new RunningServer() {
      @Override public URI url() { return URI.create("https://127.0.0.1:" + server.port()); }
      @Override public Path kubeconfig() { return options.dataDir().resolve("kubeconfig.yaml"); }
      @Override public Path dataDir() { return options.dataDir(); }
      @Override public void close() { server.close(); }
    };
  }
}
