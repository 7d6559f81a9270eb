package io.j8s.storage.sqlite;

import io.j8s.storage.Backend;
import io.j8s.storage.BackendContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackendContractTest extends BackendContract {
  @TempDir static Path dir;
  static SqliteBackend backend;

  @BeforeAll static void open() { backend = new SqliteBackend(dir.resolve("state.db")); }

  @AfterAll static void close() { backend.close(); }

  @Override protected Backend backend() { return backend; }
}
