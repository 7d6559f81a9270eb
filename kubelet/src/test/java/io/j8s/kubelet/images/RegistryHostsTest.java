package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHostsTest {
  @Test
  void writesOneHostsTomlPerRegistry(@TempDir Path dir) throws Exception {
    RegistryHosts.writePlainHttp(dir, List.of("10.0.0.5:5000", "registry.lan"));
    assertThat(Files.readString(dir.resolve("10.0.0.5:5000/hosts.toml")))
        .contains("server = \"http://10.0.0.5:5000\"").contains("[host.\"http://10.0.0.5:5000\"]")
        .contains("capabilities = [\"pull\", \"resolve\"]");
    assertThat(dir.resolve("registry.lan/hosts.toml")).exists();
    try (var s = Files.list(dir.resolve("registry.lan"))) {
      assertThat(s.toList()).hasSize(1); // no temp file left behind
    }
  }

  @Test
  void refusesWhatIsNotHostPort() {
    assertThatThrownBy(() -> RegistryHosts.plainHttp("http://x:5000")).hasMessageContaining("must be HOST or HOST:PORT");
    assertThatThrownBy(() -> RegistryHosts.plainHttp("../etc")).hasMessageContaining("\"../etc\"");
    assertThatThrownBy(() -> RegistryHosts.plainHttp("..")).hasMessageContaining("must be HOST");
  }
}
