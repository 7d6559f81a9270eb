package io.j8s.storage.encryption;

import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Offline key rotation over a driver nobody else writes (the server stopped). In this order, so
 * that an interruption anywhere leaves every value readable with the keys in the file:
 * <ol>
 *   <li>a new key goes first into the key file (the old keys stay);</li>
 *   <li>every value under the prefix not already sealed with the new key is opened with the ring
 *       and written back sealed with it (compare-and-swap on its revision, retried);</li>
 *   <li>all values are listed again: any left under another key (or in clear) stops here, keys kept;</li>
 *   <li>the datastore is compacted at its current revision, so no older revision (an old
 *       ciphertext, or a value written in clear before encryption) remains;</li>
 *   <li>only then, if asked, the old keys leave the file.</li>
 * </ol>
 */
public final class KeyRotation {
  private static final int PAGE = 500;

  /**
   * @param newKey   the key that now seals everything
   * @param kept     the keys still in the file besides it (empty when the old ones were dropped)
   * @param resealed values written again
   * @param total    values under the prefix
   */
  public record Result(String newKey, List<String> kept, int resealed, int total) {}

  private KeyRotation() {}

  /**
   * @param raw      the driver itself (values as stored), opened by the caller, written by nobody else
   * @param describe names a storage key for people ("secret default/db")
   * @param dropOld  remove the old keys from the file once nothing needs them
   */
  public static Result rotate(Path keyFile, Backend raw, String prefix, Function<String, String> describe, boolean dropOld,
      Consumer<String> progress) {
    KeyRing old = Files.exists(keyFile) ? KeyFile.load(keyFile) : null;
    EncryptionKey fresh = EncryptionKey.generate(old == null ? "key1" : old.nextName());
    KeyRing rotated = old == null ? new KeyRing(List.of(fresh), keyFile.toString()) : old.withPrimary(fresh);
    KeyFile.write(keyFile, rotated);
    progress.accept("added key " + fresh.name() + " first in " + keyFile + " (keys now: " + String.join(", ", rotated.names()) + ")");
    AesGcmEnvelope envelope = new AesGcmEnvelope(rotated, describe);
    int total = 0;
    int resealed = 0;
    String after = null;
    while (true) {
      ListResult page = raw.list(prefix, after, PAGE, 0);
      for (KeyValue kv : page.items()) {
        total++;
        after = kv.key();
        if (reseal(raw, envelope, kv)) resealed++;
      }
      if (!page.more()) break;
    }
    progress.accept("re-encrypted " + resealed + " of " + total + " with key " + fresh.name());
    int stale = 0;
    after = null;
    while (true) {
      ListResult page = raw.list(prefix, after, PAGE, 0);
      for (KeyValue kv : page.items()) {
        after = kv.key();
        if (!envelope.sealedWithPrimary(kv.value())) stale++;
      }
      if (!page.more()) break;
    }
    if (stale > 0) {
      throw new IllegalStateException(stale + " values under " + prefix + " are still not sealed with " + fresh.name()
          + " (was the server running?); every key stays in " + keyFile + "; stop the server and run the rotation again");
    }
    long rev = raw.currentRevision();
    raw.compact(rev);
    progress.accept("compacted the datastore at revision " + rev + ": no older copy of any value remains");
    if (dropOld && old != null) {
      KeyFile.write(keyFile, new KeyRing(List.of(fresh), keyFile.toString()));
      progress.accept("dropped the old keys " + String.join(", ", old.names()) + " from " + keyFile);
      return new Result(fresh.name(), List.of(), resealed, total);
    }
    return new Result(fresh.name(), rotated.names().subList(1, rotated.names().size()), resealed, total);
  }

  /** Writes {@code kv} back sealed with the primary key unless it already is; false if nothing was written. */
  private static boolean reseal(Backend raw, AesGcmEnvelope envelope, KeyValue kv) {
    KeyValue cur = kv;
    for (int attempt = 0; attempt < 10; attempt++) {
      if (envelope.sealedWithPrimary(cur.value())) return false;
      byte[] plain = envelope.open(cur.key(), cur.value());
      try {
        raw.update(cur.key(), envelope.seal(cur.key(), plain), cur.modRevision());
        return true;
      } catch (StorageException.Conflict e) {
        Optional<KeyValue> now = raw.get(cur.key());
        if (now.isEmpty()) return false;
        cur = now.get();
      } catch (StorageException.NotFound e) {
        return false;
      }
    }
    throw new IllegalStateException(cur.key() + " keeps changing under the rotation: is a server running on this datastore?");
  }
}
