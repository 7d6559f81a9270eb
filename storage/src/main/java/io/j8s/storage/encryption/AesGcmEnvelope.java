package io.j8s.storage.encryption;

import io.j8s.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens one value: {@code k8s:enc:aesgcm:v1:<key name>:} + 12-byte random nonce +
 * AES-256-GCM ciphertext with its 16-byte tag, the storage key as associated data. Values that
 * do not start with {@code k8s:enc:} are clear text and open as they are.
 */
public final class AesGcmEnvelope {
  public static final String PREFIX = "k8s:enc:aesgcm:v1:";
  static final byte[] ENCRYPTED = "k8s:enc:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AESGCM = PREFIX.getBytes(StandardCharsets.US_ASCII);
  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyRing ring;
  private final Map<String, SecretKeySpec> specs = new HashMap<>();
  private final byte[] primaryPrefix;
  private final Function<String, String> describe;
  private final SecureRandom random = new SecureRandom();

  /** @param describe names a storage key for people, e.g. "secret default/db" */
  public AesGcmEnvelope(KeyRing ring, Function<String, String> describe) {
    this.ring = ring;
    this.describe = describe;
    for (EncryptionKey k : ring.keys()) specs.put(k.name(), new SecretKeySpec(k.secret(), "AES"));
    this.primaryPrefix = (PREFIX + ring.primary().name() + ":").getBytes(StandardCharsets.US_ASCII);
  }

  public KeyRing ring() { return ring; }

  /** The stored form of {@code plain} at {@code storageKey}, sealed with the ring's first key. */
  public byte[] seal(String storageKey, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, specs.get(ring.primary().name()), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(storageKey.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(primaryPrefix.length + NONCE_BYTES + sealed.length).put(primaryPrefix).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * What was sealed at {@code storageKey}; a clear-text value as it is.
   *
   * @throws StorageException.Unreadable naming the object, the key it needs and the fix
   */
  public byte[] open(String storageKey, byte[] stored) {
    if (!startsWith(stored, ENCRYPTED)) return stored;
    String what = describe.apply(storageKey);
    if (!startsWith(stored, AESGCM)) {
      int end = indexOf(stored, (byte) ':', ENCRYPTED.length);
      String provider = new String(stored, ENCRYPTED.length, (end < 0 ? Math.min(stored.length, ENCRYPTED.length + 16) : end)
          - ENCRYPTED.length, StandardCharsets.US_ASCII);
      throw new StorageException.Unreadable(storageKey, what + " cannot be decrypted: it was stored by provider \"" + provider
          + "\", which j8s does not have (it reads " + PREFIX + "); restore the datastore from a backup");
    }
    int colon = indexOf(stored, (byte) ':', AESGCM.length);
    if (colon < 0) throw new StorageException.Unreadable(storageKey, what + " cannot be decrypted: its stored value is cut short");
    String name = new String(stored, AESGCM.length, colon - AESGCM.length, StandardCharsets.US_ASCII);
    SecretKeySpec spec = specs.get(name);
    if (spec == null) {
      throw new StorageException.Unreadable(storageKey, what + " cannot be decrypted: it was encrypted with key \"" + name
          + "\", which is not in " + ring.source() + " (that file holds " + String.join(", ", ring.names())
          + "); put key \"" + name + "\" back into that file (from a backup of it) and restart the server");
    }
    int body = colon + 1;
    if (stored.length < body + NONCE_BYTES + TAG_BITS / 8) {
      throw new StorageException.Unreadable(storageKey, what + " cannot be decrypted: its stored value is cut short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, stored, body, NONCE_BYTES));
      c.updateAAD(storageKey.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(stored, body + NONCE_BYTES, stored.length - body - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new StorageException.Unreadable(storageKey, what + " cannot be decrypted with key \"" + name + "\" of " + ring.source()
          + ": the stored value was altered or moved from another key, or that file's \"" + name
          + "\" is not the key that sealed it; restore the key file that sealed it (or the datastore from a backup)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** Whether {@code stored} is sealed with the ring's first key (rotation leaves these alone). */
  public boolean sealedWithPrimary(byte[] stored) { return startsWith(stored, primaryPrefix); }

  /** Whether {@code stored} is sealed by any provider (not clear text). */
  public static boolean sealed(byte[] stored) { return startsWith(stored, ENCRYPTED); }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length && i < from + 65; i++) if (a[i] == b) return i;
    return -1;
  }
}
