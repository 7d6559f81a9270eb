package io.j8s.testkit.server;

import java.net.URI;
import java.nio.file.Path;

/** A started test server. */
public interface RunningServer extends AutoCloseable {
  URI url();
  Path kubeconfig();
  Path dataDir();
  @Override void close();
}
