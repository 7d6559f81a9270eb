package io.j8s.storage;

import io.j8s.storage.etcd.EtcdBackend;
import io.j8s.storage.sqlite.SqliteBackend;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Opens a backend from a {@code --datastore-endpoint} value. */
public final class Backends {
  private Backends() {}

  /**
   * @param endpoint "sqlite:" (the file {@code <dataDir>/server/db/state.db}), "sqlite:/abs/file.db",
   *                 or "etcd://host:port[,host:port...]"
   */
  public static Backend open(String endpoint, Path dataDir) {
    if (endpoint == null || endpoint.isEmpty() || endpoint.equals("sqlite:")) {
      return new SqliteBackend(dataDir.resolve("server/db/state.db"));
    }
    if (endpoint.startsWith("sqlite:")) return new SqliteBackend(Path.of(endpoint.substring("sqlite:".length())));
    if (endpoint.startsWith("etcd://")) {
      List<String> hosts = Arrays.stream(endpoint.substring("etcd://".length()).split(",")).map(String::trim)
          .filter(h -> !h.isEmpty()).map(h -> "http://" + h).toList();
      if (hosts.isEmpty()) throw bad(endpoint);
      return new EtcdBackend(hosts);
    }
    throw bad(endpoint);
  }

  private static IllegalArgumentException bad(String endpoint) {
    return new IllegalArgumentException("unsupported datastore endpoint \"" + endpoint
        + "\": use \"sqlite:\" (default, in the data dir), \"sqlite:/path/to/file.db\" or \"etcd://host:port[,host:port...]\"");
  }
}
