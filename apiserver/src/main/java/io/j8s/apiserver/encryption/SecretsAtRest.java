package io.j8s.apiserver.encryption;

import io.j8s.api.registry.ResourceRegistry;
import io.j8s.storage.Backend;
import io.j8s.storage.Backends;
import io.j8s.storage.encryption.AesGcmEnvelope;
import io.j8s.storage.encryption.EncryptingBackend;
import io.j8s.storage.encryption.KeyFile;
import io.j8s.storage.encryption.KeyRotation;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Which values are encrypted at rest, with which key file; and the offline rotation of that file's keys. */
public final class SecretsAtRest {
  /** The storage prefix of Secrets: every value under it is sealed. */
  public static final String PREFIX = ResourceRegistry.builtins().byPlural("", "v1", "secrets").orElseThrow().keyPrefix(null);

  private SecretsAtRest() {}

  /** {@code <data-dir>/server/encryption-keys}. */
  public static Path keyFile(Path dataDir) { return dataDir.resolve("server/encryption-keys"); }

  /** The datastore as the API server uses it: Secrets sealed with the key file's keys (the file made on first use). */
  public static EncryptingBackend wrap(Backend raw, Path dataDir) {
    try {
      return new EncryptingBackend(raw, PREFIX, new AesGcmEnvelope(KeyFile.loadOrCreate(keyFile(dataDir)), SecretsAtRest::describe));
    } catch (RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** "secret <namespace>/<name>" for a Secret's storage key. */
  public static String describe(String storageKey) {
    return storageKey.startsWith(PREFIX) ? "secret " + storageKey.substring(PREFIX.length()) : storageKey;
  }

  /**
   * Rotates the keys of a stopped server: opens its datastore (the SQLite driver refuses while the
   * server holds it), then {@link KeyRotation#rotate}.
   */
  public static KeyRotation.Result rotate(Path dataDir, String datastoreEndpoint, boolean dropOld, Consumer<String> progress) {
    try (Backend raw = Backends.open(datastoreEndpoint, dataDir)) {
      return KeyRotation.rotate(keyFile(dataDir), raw, PREFIX, SecretsAtRest::describe, dropOld, progress);
    }
  }
}
