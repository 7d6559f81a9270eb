package io.j8s.storage.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.j8s.storage.Event;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.sqlite.SqliteBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptingBackendTest {
  static final String SECRETS = "/registry/core/secrets/";
  @TempDir Path dir;

  static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  static EncryptingBackend over(SqliteBackend raw, EncryptionKey... keys) {
    return new EncryptingBackend(raw, SECRETS, new AesGcmEnvelope(new KeyRing(List.of(keys), "keys"), k -> "secret " + k.substring(SECRETS.length())));
  }

  @Test
  void valuesUnderThePrefixAreSealedOthersPassThrough() throws Exception {
    Path db = dir.resolve("state.db");
    try (SqliteBackend raw = new SqliteBackend(db)) {
      EncryptingBackend b = over(raw, EncryptionKey.generate("key1"));
      long r = b.create(SECRETS + "ns/s", b("top-secret-value"));
      b.update(SECRETS + "ns/s", b("second-secret-value"), r);
      b.create("/registry/core/configmaps/ns/c", b("plain-config"));
      assertThat(new String(raw.get(SECRETS + "ns/s").orElseThrow().value(), StandardCharsets.ISO_8859_1)).startsWith("k8s:enc:aesgcm:v1:key1:");
      assertThat(raw.get("/registry/core/configmaps/ns/c").orElseThrow().value()).isEqualTo(b("plain-config"));
      assertThat(b.get(SECRETS + "ns/s").orElseThrow().value()).isEqualTo(b("second-secret-value"));
      assertThat(b.list("/registry/", null, 0, 0).items()).extracting(kv -> new String(kv.value(), StandardCharsets.UTF_8))
          .containsExactly("plain-config", "second-secret-value");
      assertThat(b.delete(SECRETS + "ns/s", 0).value()).isEqualTo(b("second-secret-value"));
    }
    for (String f : new String[] {"state.db", "state.db-wal"}) {
      if (!Files.exists(dir.resolve(f))) continue;
      String bytes = new String(Files.readAllBytes(dir.resolve(f)), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(f).doesNotContain("secret-value").contains("plain-config");
    }
  }

  @Test
  void clearTextFromBeforeEncryptionIsReadAndSealedWhenWritten() {
    try (SqliteBackend raw = new SqliteBackend(dir.resolve("state.db"))) {
      long r = raw.create(SECRETS + "ns/old", b("{\"v\":1}"));
      EncryptingBackend b = over(raw, EncryptionKey.generate("key1"));
      assertThat(b.get(SECRETS + "ns/old").orElseThrow().value()).isEqualTo(b("{\"v\":1}"));
      b.update(SECRETS + "ns/old", b("{\"v\":2}"), r);
      assertThat(AesGcmEnvelope.sealed(raw.get(SECRETS + "ns/old").orElseThrow().value())).isTrue();
    }
  }

  @Test
  void aValueWithoutItsKeyFailsReadsClearlyAndIsLeftOutOfWatches() {
    try (SqliteBackend raw = new SqliteBackend(dir.resolve("state.db"))) {
      EncryptingBackend one = over(raw, EncryptionKey.generate("key1"));
      EncryptingBackend other = over(raw, EncryptionKey.generate("key2"));
      List<Event> seen = new CopyOnWriteArrayList<>();
      try (Watch w = other.watch("/registry/", raw.currentRevision(), seen::addAll)) {
        one.create(SECRETS + "ns/a", b("a"));
        other.create(SECRETS + "ns/b", b("b"));
        await().until(() -> seen.size() == 1);
        assertThat(seen.get(0).kv().key()).isEqualTo(SECRETS + "ns/b");
        assertThat(seen.get(0).kv().value()).isEqualTo(b("b"));
      }
      assertThatThrownBy(() -> other.get(SECRETS + "ns/a")).isInstanceOf(StorageException.Unreadable.class)
          .hasMessageContaining("secret ns/a cannot be decrypted: it was encrypted with key \"key1\"");
      assertThatThrownBy(() -> other.list(SECRETS, null, 0, 0)).isInstanceOf(StorageException.Unreadable.class);
    }
  }

  @Test
  void theSqliteFileHasOneOpenerAtATime() {
    Path db = dir.resolve("state.db");
    try (SqliteBackend first = new SqliteBackend(db)) {
      assertThatThrownBy(() -> new SqliteBackend(db)).isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining("in use").hasMessageContaining("state.db.lock");
    }
    new SqliteBackend(db).close();
  }
}
