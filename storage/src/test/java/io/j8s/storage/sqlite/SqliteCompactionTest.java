package io.j8s.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.storage.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k3s failure mode: kine's SQLite grew to gigabytes from Lease renewals. One million
 * updates of the same 100 Leases must leave the database files (db, WAL, shm) under 50 MB.
 */
class SqliteCompactionTest {
  @TempDir Path dir;

  @Test
  void aMillionLeaseRenewalsStayUnderFiftyMegabytes() throws Exception {
    Path db = dir.resolve("state.db");
    int leases = 100;
    int updates = 1_000_000;
    long[] revs = new long[leases];
    try (SqliteBackend b = new SqliteBackend(db)) {
      for (int i = 0; i < leases; i++) revs[i] = b.create(key(i), lease(i, 0));
      for (int n = 0; n < updates; n++) {
        int i = n % leases;
        revs[i] = b.update(key(i), lease(i, n), revs[i]);
      }
      assertThat(b.currentRevision()).isEqualTo(leases + updates);
      assertThat(b.compactRevision()).isGreaterThan(updates - 10_000L);
      for (int i = 0; i < leases; i++) {
        KeyValue kv = b.get(key(i)).orElseThrow();
        assertThat(kv.modRevision()).isEqualTo(revs[i]);
        assertThat(new String(kv.value(), StandardCharsets.UTF_8)).contains("\"renewTime\":\"r" + (updates - leases + i) + "\"");
      }
      assertThat(b.list("/registry/leases/", null, 0, 0).items()).hasSize(leases);
    }
    long bytes;
    try (Stream<Path> files = Files.list(dir)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("1,000,000 lease updates: database files hold %.1f MB%n", bytes / 1e6);
    assertThat(bytes).isLessThan(50L * 1024 * 1024);
  }

  private static String key(int i) { return "/registry/leases/kube-node-lease/node-" + i; }

  /** A Lease of realistic size (~400 bytes), renewed. */
  private static byte[] lease(int i, int n) {
    return ("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"node-" + i
        + "\",\"namespace\":\"kube-node-lease\",\"uid\":\"6f1e3c2a-0000-4000-8000-" + String.format("%012d", i)
        + "\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"node-" + i
        + "\",\"uid\":\"0b8a4c55-1111-4222-8333-444455556666\"}]},\"spec\":{\"holderIdentity\":\"node-" + i
        + "\",\"leaseDurationSeconds\":40,\"renewTime\":\"r" + n + "\"}}").getBytes(StandardCharsets.UTF_8);
  }
}
