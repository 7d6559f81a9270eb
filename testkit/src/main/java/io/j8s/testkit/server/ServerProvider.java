package io.j8s.testkit.server;

/** Starts a server; exactly one implementation must be on the test class path. */
public interface ServerProvider {
  RunningServer start(ServerOptions options) throws Exception;
}
