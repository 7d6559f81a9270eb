package io.j8s.storage.encryption;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * One AES-256 key and the name stored values carry to say which key sealed them.
 *
 * @param name   letters, digits, '-', '_' and '.'; never ':' (it ends the name in a value's prefix)
 * @param secret 32 bytes
 */
public record EncryptionKey(String name, byte[] secret) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  public static final int BYTES = 32;

  public EncryptionKey {
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad key name \"" + name + "\": use letters, digits, '.', '_', '-'");
    if (secret.length != BYTES) throw new IllegalArgumentException("key " + name + " has " + secret.length + " bytes, not " + BYTES);
    secret = secret.clone();
  }

  /** A fresh random key. */
  public static EncryptionKey generate(String name) {
    byte[] b = new byte[BYTES];
    new SecureRandom().nextBytes(b);
    return new EncryptionKey(name, b);
  }

  @Override public byte[] secret() { return secret.clone(); }

  @Override public String toString() { return "EncryptionKey[" + name + "]"; }
}
