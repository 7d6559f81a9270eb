package io.j8s.storage.encryption;

import io.j8s.storage.Backend;
import io.j8s.storage.BackendContract;
import io.j8s.storage.sqlite.SqliteBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The whole driver contract holds through encryption of every value (SQLite underneath). */
class EncryptingBackendContractTest extends BackendContract {
  @TempDir static Path dir;
  static Backend backend;

  @BeforeAll static void open() {
    AesGcmEnvelope env = new AesGcmEnvelope(new KeyRing(List.of(EncryptionKey.generate("key1")), "test"), k -> k);
    backend = new EncryptingBackend(new SqliteBackend(dir.resolve("state.db")), "/registry/", env);
  }

  @AfterAll static void close() { backend.close(); }

  @Override protected Backend backend() { return backend; }
}
