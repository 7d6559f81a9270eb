package io.j8s.storage.etcd;

import io.j8s.storage.Backend;
import io.j8s.storage.BackendContract;
import io.j8s.testkit.etcd.EtcdCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The same contract against a real single-member etcd (Debian etcd-server). */
class EtcdBackendContractTest extends BackendContract {
  @TempDir static Path dir;
  static EtcdCluster etcd;
  static EtcdBackend backend;

  @BeforeAll static void start() throws Exception {
    etcd = EtcdCluster.start(1, dir);
    backend = new EtcdBackend(List.of(etcd.endpoints().split(",")));
  }

  @AfterAll static void stop() {
    if (backend != null) backend.close();
    if (etcd != null) etcd.close();
  }

  @Override protected Backend backend() { return backend; }
}
