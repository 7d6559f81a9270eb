package io.j8s.testkit.server;

import java.nio.file.Path;

/**
 * @param datastoreEndpoint "sqlite:" or "etcd://h:p,..."
 * @param agent whether the server also runs its embedded node agent (containerd, a real Node);
 *     off by default, since most tests want no containerd
 */
public record ServerOptions(Path dataDir, String datastoreEndpoint, boolean agent) {
  public ServerOptions(Path dataDir, String datastoreEndpoint) {
    this(dataDir, datastoreEndpoint, false);
  }
}
