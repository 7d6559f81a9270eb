package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerConfig;
import io.j8s.apiserver.encryption.SecretsAtRest;
import io.j8s.base.process.ProcessResult;
import io.j8s.storage.encryption.KeyFile;
import io.j8s.testkit.kubectl.Kubectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Secrets made with the real kubectl are never in the SQLite datastore's files in clear (nor
 * base64): not while the server runs (WAL included), not after a key rotation, not after a
 * restart; and they read back the same each time.
 */
@Tag("integration")
class SecretsAtRestTest {
  @TempDir Path dir;

  private static String random(String prefix) {
    byte[] b = new byte[8];
    ThreadLocalRandom.current().nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  private ServerRuntime start() throws Exception {
    return ServerRuntime.start(new ApiServerConfig(dir, "127.0.0.1", 0, "sqlite:", "10.43.0.0/16", List.of("127.0.0.1"),
        ApiServerConfig.DEFAULT_MAX_REQUEST_BYTES));
  }

  @Test
  void secretsAreEncryptedAtRestThroughRotationAndRestart() throws Exception {
    String literal = random("literal-");
    String fromData = random("data-");
    String fromStringData = random("stringdata-");
    List<String> forbidden = new ArrayList<>();
    for (String v : List.of(literal, fromData, fromStringData)) {
      forbidden.add(v);
      forbidden.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
    }
    Kubectl k = new Kubectl(dir.resolve("kubeconfig.yaml"));
    try (ServerRuntime rt = start()) {
      assertThat(Files.getPosixFilePermissions(SecretsAtRest.keyFile(dir))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      k.ok("create", "namespace", "vault");
      k.ok("-n", "vault", "create", "secret", "generic", "lit", "--from-literal=password=" + literal);
      k.okWithInput("""
          apiVersion: v1
          kind: Secret
          metadata: {name: mixed}
          data: {fromdata: %s}
          stringData: {fromstring: %s}
          """.formatted(Base64.getEncoder().encodeToString(fromData.getBytes(StandardCharsets.UTF_8)), fromStringData),
          "-n", "vault", "apply", "-f", "-");
      k.ok("-n", "vault", "label", "secret", "lit", "rewritten=yes"); // an update too
      assertReadable(k, literal, fromData, fromStringData);
      assertNotInDatastore(forbidden, "while the server runs");

      // the rotation refuses to run beside the server, and changes nothing
      String keysBefore = Files.readString(SecretsAtRest.keyFile(dir));
      assertThat(rotate()).isEqualTo(1);
      assertThat(Files.readString(SecretsAtRest.keyFile(dir))).isEqualTo(keysBefore);
    }
    assertNotInDatastore(forbidden, "after the server stopped");

    assertThat(rotate()).isZero();
    assertThat(KeyFile.load(SecretsAtRest.keyFile(dir)).names()).containsExactly("key2");
    assertNotInDatastore(forbidden, "after the rotation");

    try (ServerRuntime rt = start()) {
      assertReadable(k, literal, fromData, fromStringData);
      k.ok("-n", "vault", "delete", "secret", "mixed");
      assertThat(k.ok("-n", "vault", "get", "secrets", "-o", "name")).contains("secret/lit").doesNotContain("mixed");
    }

    // a key file without the key the secrets need: a clear error naming the secret and the fix
    Path keys = SecretsAtRest.keyFile(dir);
    Path saved = dir.resolve("keys.saved");
    Files.move(keys, saved);
    try (ServerRuntime rt = start()) {
      ProcessResult r = k.run("-n", "vault", "get", "secret", "lit", "-o", "jsonpath={.data.password}");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains("secret vault/lit cannot be decrypted: it was encrypted with key \"key2\", which is not in " + keys)
          .contains("put key \"key2\" back into that file").doesNotContain("Exception");
      assertThat(k.ok("-n", "vault", "get", "configmap", "kube-root-ca.crt", "-o", "name")).contains("kube-root-ca.crt");
    }
    Files.move(saved, keys, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (ServerRuntime rt = start()) {
      assertThat(decode(k.ok("-n", "vault", "get", "secret", "lit", "-o", "jsonpath={.data.password}"))).isEqualTo(literal);
    }
  }

  private int rotate() {
    return new CommandLine(new Main()).execute("secrets", "rotate-key", "--data-dir", dir.toString());
  }

  private static String decode(String b64) { return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8); }

  private static void assertReadable(Kubectl k, String literal, String fromData, String fromStringData) {
    assertThat(decode(k.ok("-n", "vault", "get", "secret", "lit", "-o", "jsonpath={.data.password}"))).isEqualTo(literal);
    assertThat(decode(k.ok("-n", "vault", "get", "secret", "mixed", "-o", "jsonpath={.data.fromdata}"))).isEqualTo(fromData);
    assertThat(decode(k.ok("-n", "vault", "get", "secret", "mixed", "-o", "jsonpath={.data.fromstring}"))).isEqualTo(fromStringData);
    assertThat(k.ok("-n", "vault", "get", "secrets", "-o", "jsonpath={.items[*].metadata.name}")).contains("lit").contains("mixed");
  }

  /** Every file of the datastore (state.db, its -wal and -shm) searched byte for byte. */
  private void assertNotInDatastore(List<String> forbidden, String when) throws Exception {
    Path db = dir.resolve("server/db");
    List<Path> files;
    try (Stream<Path> s = Files.list(db)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("state.db");
    boolean sawSecret = false;
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      sawSecret |= bytes.contains("/registry/core/secrets/vault/lit");
      for (String v : forbidden) assertThat(bytes).as("%s in %s %s", v, f.getFileName(), when).doesNotContain(v);
    }
    assertThat(sawSecret).as("the secret's key is in the datastore " + when).isTrue();
  }
}
