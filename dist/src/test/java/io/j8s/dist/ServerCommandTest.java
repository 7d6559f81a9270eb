package io.j8s.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code j8s server}'s argument checks that refuse before anything starts. */
class ServerCommandTest {
  @Test
  void disableTakesRepeatedAndCommaSeparatedAddOns() {
    ServerCommand cmd = new ServerCommand();
    new CommandLine(cmd).parseArgs("--disable", "dns", "--disable=dns,other");
    assertThat(cmd.disable).containsExactly("dns", "dns", "other");
    assertThat(ServerCommand.ADDONS).contains(ServerCommand.ADDON_DNS);
  }

  @Test
  void anUnknownAddOnIsRefusedBeforeTheServerStarts(@TempDir java.nio.file.Path dir) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(AgentCommandTest.run(err, "server", "--data-dir", dir.toString(), "--disable", "coredns")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--disable coredns: unknown add-on (known: dns, kube-proxy, network-policy)");
  }
}
