package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code j8s agent}'s argument checks, which need no server. */
class AgentCommandTest {
  static int run(ByteArrayOutputStream err, String... args) {
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new Main()).execute(args);
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void missingServerCaNamesWhereToFindIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(err, "agent", "--server", "https://10.0.0.1:6443", "--token", "K10x::server:y")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--server-ca").contains("<server data-dir>/server/tls/server-ca.crt");
  }

  @Test
  void unreadableServerCaIsRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(err, "agent", "--server", "https://10.0.0.1:6443", "--token", "t", "--server-ca", "/nonexistent/ca.crt")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/ca.crt").contains("not a readable file");
  }

  @Test
  void clusterDnsMustBeAnAddress(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(err, "agent", "--server", "https://10.0.0.1:6443", "--token", "t", "--server-ca", ca.toString(),
        "--cluster-dns", "kube-dns.local", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cluster-dns: 'kube-dns.local' is not an IP address");
    assertThat(AgentCommand.ipLiteral("10.96.0.10")).isEqualTo("10.96.0.10");
    assertThat(AgentCommand.ipLiteral("fd00::a")).isEqualTo("fd00:0:0:0:0:0:0:a");
  }

  @Test
  void clientUsesTheTokenAndTheCaOnly() {
    var c = AgentCommand.clientConfig("https://10.0.0.1:6443", "tok", Path.of("/tmp/ca.crt"));
    assertThat(c.getMasterUrl()).startsWith("https://10.0.0.1:6443");
    assertThat(c.getOauthToken()).isEqualTo("tok");
    assertThat(c.getCaCertFile()).isEqualTo("/tmp/ca.crt");
    assertThat(c.getClientCertFile()).isNull();
  }
}
