package io.j8s.dist;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code j8s agent}: a node joining a server. Not built yet. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run a node agent that joins a j8s server (not implemented yet).")
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--server", description = "URL of the j8s server to join, e.g. https://10.0.0.1:6443") String server;
  @Option(names = "--token", description = "The join token from <server data-dir>/server/node-token") String token;

  @Override public Integer call() {
    System.err.println("j8s agent: the node agent is not implemented yet (issue [kubelet]); run `j8s server` for the control plane");
    return 2;
  }
}
