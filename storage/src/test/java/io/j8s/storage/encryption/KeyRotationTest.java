package io.j8s.storage.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.StorageException;
import io.j8s.storage.sqlite.SqliteBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
  static final String SECRETS = "/registry/core/secrets/";
  @TempDir Path dir;

  static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private EncryptingBackend over(Backend raw, KeyRing ring) {
    return new EncryptingBackend(raw, SECRETS, new AesGcmEnvelope(ring, k -> k));
  }

  private void fill(Backend raw, Path keys, int n) {
    EncryptingBackend b = over(raw, KeyFile.loadOrCreate(keys));
    for (int i = 0; i < n; i++) b.create(SECRETS + "ns/s" + i, b("value-" + i));
    raw.create(SECRETS + "ns/legacy", b("clear-text-legacy")); // written before encryption was on
  }

  @Test
  void rotationResealsEverythingCompactsAndDropsTheOldKey() throws Exception {
    Path keys = dir.resolve("encryption-keys");
    try (SqliteBackend raw = new SqliteBackend(dir.resolve("state.db"))) {
      fill(raw, keys, 700);
      assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      KeyRing before = KeyFile.load(keys);
      List<String> log = new ArrayList<>();
      KeyRotation.Result r = KeyRotation.rotate(keys, raw, SECRETS, k -> k, true, log::add);
      assertThat(r.newKey()).isEqualTo("key2");
      assertThat(r.total()).isEqualTo(701);
      assertThat(r.resealed()).isEqualTo(701);
      assertThat(r.kept()).isEmpty();
      KeyRing after = KeyFile.load(keys);
      assertThat(after.names()).containsExactly("key2");
      EncryptingBackend b = over(raw, after);
      assertThat(b.get(SECRETS + "ns/s699").orElseThrow().value()).isEqualTo(b("value-699"));
      assertThat(b.get(SECRETS + "ns/legacy").orElseThrow().value()).isEqualTo(b("clear-text-legacy"));
      assertThatThrownBy(() -> over(raw, before).get(SECRETS + "ns/s1")).isInstanceOf(StorageException.Unreadable.class);
      assertThat(raw.compactRevision()).isEqualTo(raw.currentRevision());
      // a second rotation has nothing old to re-seal but still moves everything to the new key
      assertThat(KeyRotation.rotate(keys, raw, SECRETS, k -> k, false, log::add).kept()).containsExactly("key2");
      assertThat(KeyFile.load(keys).names()).containsExactly("key3", "key2");
    }
    String file = new String(Files.readAllBytes(dir.resolve("state.db")), StandardCharsets.ISO_8859_1);
    assertThat(file).doesNotContain("clear-text-legacy").doesNotContain("value-1");
  }

  @Test
  void anInterruptedRotationLeavesEveryValueReadable() {
    Path keys = dir.resolve("encryption-keys");
    try (SqliteBackend raw = new SqliteBackend(dir.resolve("state.db"))) {
      fill(raw, keys, 50);
      AtomicInteger writes = new AtomicInteger();
      Backend crashing = new ForwardingBackend(raw) {
        @Override public long update(String key, byte[] value, long expected) {
          if (writes.incrementAndGet() > 20) throw new StorageException.Unavailable("power cut", null);
          return super.update(key, value, expected);
        }
      };
      assertThatThrownBy(() -> KeyRotation.rotate(keys, crashing, SECRETS, k -> k, true, s -> { }))
          .isInstanceOf(StorageException.Unavailable.class);
      KeyRing ring = KeyFile.load(keys);
      assertThat(ring.names()).containsExactly("key2", "key1");
      EncryptingBackend b = over(raw, ring);
      for (KeyValue kv : b.list(SECRETS, null, 0, 0).items()) assertThat(new String(kv.value(), StandardCharsets.UTF_8)).contains("-");
      // run again to completion
      KeyRotation.rotate(keys, raw, SECRETS, k -> k, true, s -> { });
      assertThat(KeyFile.load(keys).names()).containsExactly("key3");
      assertThat(over(raw, KeyFile.load(keys)).list(SECRETS, null, 0, 0).items()).hasSize(51);
    }
  }

  @Test
  void aValueThatDoesNotOpenStopsTheRotationBeforeAnyKeyIsDropped() {
    Path keys = dir.resolve("encryption-keys");
    try (SqliteBackend raw = new SqliteBackend(dir.resolve("state.db"))) {
      fill(raw, keys, 3);
      over(raw, new KeyRing(List.of(EncryptionKey.generate("lost")), "elsewhere")).create(SECRETS + "ns/orphan", b("x"));
      assertThatThrownBy(() -> KeyRotation.rotate(keys, raw, SECRETS, k -> k, true, s -> { }))
          .isInstanceOf(StorageException.Unreadable.class).hasMessageContaining("\"lost\"");
      assertThat(KeyFile.load(keys).names()).containsExactly("key2", "key1");
    }
  }
}
