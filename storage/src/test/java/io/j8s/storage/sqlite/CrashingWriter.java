package io.j8s.storage.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for {@link SqliteDurabilityTest}: creates keys as fast as it can and prints
 * "ack KEY REVISION" after each write the backend acknowledged, until it is killed.
 */
public final class CrashingWriter {
  public static void main(String[] args) {
    SqliteBackend b = new SqliteBackend(Path.of(args[0]));
    byte[] value = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
    for (long i = 0; ; i++) {
      String key = "/registry/leases/kube-node-lease/n" + i;
      long rev = b.create(key, value);
      System.out.println("ack " + key + " " + rev);
      System.out.flush();
    }
  }
}
