package io.j8s.apiserver.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @Test
  void madeOnceWithMode0600AndReadBackTheSame(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("server/tls/service-account.key");
    SigningKey first = SigningKey.loadOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String pem = Files.readString(file);
    SigningKey again = SigningKey.loadOrCreate(file);
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(Files.readString(file)).isEqualTo(pem);
    byte[] sig = first.sign("x".getBytes());
    assertThat(again.verify("x".getBytes(), sig)).isTrue();
    assertThat(again.verify("y".getBytes(), sig)).isFalse();
  }
}
