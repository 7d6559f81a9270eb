package io.j8s.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write the SQLite driver acknowledged is there after the writer process is killed with SIGKILL. */
class SqliteDurabilityTest {
  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveKillDashNine() throws Exception {
    Path db = dir.resolve("state.db");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
        db.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> acked = new ArrayList<>();
    long lastRev = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("ack ")) continue;
        String[] f = line.split(" ");
        acked.add(f[1]);
        lastRev = Long.parseLong(f[2]);
        if (acked.size() == 3000) {
          child.destroyForcibly(); // SIGKILL, in the middle of the write stream
          break;
        }
      }
    }
    assertThat(child.waitFor()).isEqualTo(137);
    assertThat(acked).hasSize(3000);

    try (SqliteBackend reopened = new SqliteBackend(db)) {
      assertThat(reopened.currentRevision()).isGreaterThanOrEqualTo(lastRev);
      for (String key : acked) assertThat(reopened.get(key)).as(key).isPresent();
      long next = reopened.create("/registry/after-crash", new byte[] {1});
      assertThat(next).isGreaterThan(lastRev);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }
}
