package io.j8s.storage.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmEnvelopeTest {
  static final String KEY = "/registry/core/secrets/default/db";
  static final byte[] PLAIN = "{\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);
  static final EncryptionKey K1 = EncryptionKey.generate("key1");
  static final EncryptionKey K2 = EncryptionKey.generate("key2");

  static AesGcmEnvelope envelope(EncryptionKey... keys) {
    return new AesGcmEnvelope(new KeyRing(List.of(keys), "/data/server/encryption-keys"), k -> "secret " + k.substring(23));
  }

  static String text(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

  @Test
  void roundTripWithUpstreamsPrefixAndNoClearText() {
    AesGcmEnvelope e = envelope(K1);
    byte[] sealed = e.seal(KEY, PLAIN);
    assertThat(text(sealed)).startsWith("k8s:enc:aesgcm:v1:key1:");
    assertThat(text(sealed)).doesNotContain("password").doesNotContain("aHVudGVyMg");
    assertThat(sealed).hasSize("k8s:enc:aesgcm:v1:key1:".length() + 12 + PLAIN.length + 16);
    assertThat(e.open(KEY, sealed)).isEqualTo(PLAIN);
    assertThat(e.sealedWithPrimary(sealed)).isTrue();
  }

  @Test
  void everyWriteGetsAFreshNonce() {
    AesGcmEnvelope e = envelope(K1);
    assertThat(e.seal(KEY, PLAIN)).isNotEqualTo(e.seal(KEY, PLAIN));
  }

  @Test
  void anyChangedByteIsDetected() {
    AesGcmEnvelope e = envelope(K1);
    byte[] sealed = e.seal(KEY, PLAIN);
    for (int i = "k8s:enc:aesgcm:v1:key1:".length(); i < sealed.length; i++) {
      byte[] t = sealed.clone();
      t[i] ^= 0x01;
      assertThatThrownBy(() -> e.open(KEY, t)).as("byte %d", i).isInstanceOf(StorageException.Unreadable.class)
          .hasMessageContaining("secret default/db").hasMessageContaining("altered or moved");
    }
    byte[] cut = java.util.Arrays.copyOf(sealed, sealed.length - 1);
    assertThatThrownBy(() -> e.open(KEY, cut)).isInstanceOf(StorageException.Unreadable.class);
  }

  @Test
  void aCiphertextMovedToAnotherKeyDoesNotOpen() {
    AesGcmEnvelope e = envelope(K1);
    byte[] sealed = e.seal(KEY, PLAIN);
    assertThatThrownBy(() -> e.open("/registry/core/secrets/default/other", sealed)).isInstanceOf(StorageException.Unreadable.class)
        .hasMessageContaining("secret default/other");
  }

  @Test
  void aDifferentKeyOfTheSameNameDoesNotOpen() {
    byte[] sealed = envelope(K1).seal(KEY, PLAIN);
    assertThatThrownBy(() -> envelope(EncryptionKey.generate("key1")).open(KEY, sealed)).isInstanceOf(StorageException.Unreadable.class)
        .hasMessageContaining("key \"key1\" of /data/server/encryption-keys");
  }

  @Test
  void aMissingKeyIsNamedWithTheFix() {
    byte[] sealed = envelope(K1).seal(KEY, PLAIN);
    StorageException.Unreadable u = (StorageException.Unreadable) org.assertj.core.api.Assertions.catchThrowable(
        () -> envelope(K2).open(KEY, sealed));
    assertThat(u.key()).isEqualTo(KEY);
    assertThat(u.getMessage()).isEqualTo("secret default/db cannot be decrypted: it was encrypted with key \"key1\", which is not in "
        + "/data/server/encryption-keys (that file holds key2); put key \"key1\" back into that file (from a backup of it) and restart the server");
  }

  @Test
  void everyKeyOpensTheFirstSeals() {
    byte[] old = envelope(K1).seal(KEY, PLAIN);
    AesGcmEnvelope both = envelope(K2, K1);
    assertThat(both.open(KEY, old)).isEqualTo(PLAIN);
    assertThat(both.sealedWithPrimary(old)).isFalse();
    assertThat(text(both.seal(KEY, PLAIN))).startsWith("k8s:enc:aesgcm:v1:key2:");
  }

  @Test
  void clearTextOpensAsItIsAndOtherProvidersAreNamed() {
    AesGcmEnvelope e = envelope(K1);
    assertThat(e.open(KEY, PLAIN)).isSameAs(PLAIN);
    assertThat(AesGcmEnvelope.sealed(PLAIN)).isFalse();
    assertThatThrownBy(() -> e.open(KEY, "k8s:enc:kms:v2:foo:xyz".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(StorageException.Unreadable.class).hasMessageContaining("provider \"kms\"");
  }

  @Test
  void keyNamesAndSizesAreChecked() {
    assertThatThrownBy(() -> new EncryptionKey("a:b", new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EncryptionKey("k", new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyRing(List.of(K1, K1), "f")).hasMessageContaining("twice");
    assertThat(new KeyRing(List.of(K2, K1), "f").nextName()).isEqualTo("key3");
  }
}
