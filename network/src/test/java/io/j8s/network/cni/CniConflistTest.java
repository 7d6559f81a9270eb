package io.j8s.network.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CniConflistTest {
  static final Path IPAM = Path.of("/var/lib/j8s/agent/cni/ipam");

  static JsonNode parse(String s) throws Exception { return new ObjectMapper().readTree(s); }

  @Test
  void standardChainForThePodCidr() throws Exception {
    JsonNode list = parse(CniConflist.standard("10.42.3.0/24", IPAM).render());
    assertThat(list.get("cniVersion").asText()).isEqualTo("1.0.0");
    assertThat(list.get("name").asText()).isEqualTo("j8s");
    assertThat(list.get("plugins")).hasSize(2);
    JsonNode bridge = list.get("plugins").get(0);
    assertThat(bridge.get("type").asText()).isEqualTo("bridge");
    assertThat(bridge.get("bridge").asText()).isEqualTo("cni0");
    assertThat(bridge.get("isGateway").asBoolean()).isTrue();
    assertThat(bridge.get("ipMasq").asBoolean()).as("masquerading is the provider's own chain").isFalse();
    assertThat(bridge.get("hairpinMode").asBoolean()).isTrue();
    assertThat(bridge.has("mtu")).isFalse();
    assertThat(bridge.has("isDefaultGateway")).isFalse();
    JsonNode ipam = bridge.get("ipam");
    assertThat(ipam.get("type").asText()).isEqualTo("host-local");
    assertThat(ipam.get("ranges")).hasSize(1);
    assertThat(ipam.get("ranges").get(0)).hasSize(1);
    assertThat(ipam.get("ranges").get(0).get(0).get("subnet").asText()).isEqualTo("10.42.3.0/24");
    assertThat(ipam.get("ranges").get(0).get(0).get("gateway").asText()).isEqualTo("10.42.3.1");
    assertThat(ipam.get("routes").get(0).get("dst").asText()).isEqualTo("0.0.0.0/0");
    assertThat(ipam.get("dataDir").asText()).isEqualTo("/var/lib/j8s/agent/cni/ipam");
    JsonNode portmap = list.get("plugins").get(1);
    assertThat(portmap.get("type").asText()).isEqualTo("portmap");
    assertThat(portmap.get("capabilities").get("portMappings").asBoolean()).isTrue();
    assertThat(portmap.get("snat").asBoolean()).isTrue();
  }

  @Test
  void renderIsDeterministicAndNormalizesTheCidr() {
    String a = CniConflist.standard("10.42.3.7/24", IPAM).render();
    assertThat(a).isEqualTo(CniConflist.standard("10.42.3.0/24", IPAM).render()).endsWith("}\n");
    assertThat(CniConflist.standard("10.42.3.0/24", IPAM, 1450).render()).contains("\"mtu\" : 1450");
    assertThat(new CniConflist("n", "10.1.0.0/16", "br1", IPAM, 1450).render()).contains("\"mtu\" : 1450").contains("\"bridge\" : \"br1\"")
        .contains("\"gateway\" : \"10.1.0.1\"");
  }

  @Test
  void rejectsWhatCannotWork() {
    assertThatThrownBy(() -> CniConflist.standard("10.42.3.0", IPAM)).hasMessageContaining("10.42.3.0");
    assertThatThrownBy(() -> CniConflist.standard("fd00::/64", IPAM)).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> CniConflist.standard("10.42.3.0/31", IPAM)).hasMessageContaining("prefix > 30");
    assertThatThrownBy(() -> CniConflist.standard("10.42.3.0/24", Path.of("rel"))).hasMessageContaining("absolute");
    assertThatThrownBy(() -> new CniConflist("j8s", "10.42.3.0/24", "a-very-long-bridge", IPAM, 0)).hasMessageContaining("15");
    assertThatThrownBy(() -> new CniConflist(" ", "10.42.3.0/24", "cni0", IPAM, 0)).hasMessageContaining("name");
  }

  @Test
  void writerIsAtomicAndIdempotent(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("net.d");
    String text = CniConflist.standard("10.42.3.0/24", IPAM).render();
    assertThat(ConflistWriter.write(conf, CniConflist.FILE_NAME, text)).isTrue();
    assertThat(Files.readString(conf.resolve("10-j8s.conflist"))).isEqualTo(text);
    assertThat(ConflistWriter.write(conf, CniConflist.FILE_NAME, text)).as("unchanged").isFalse();
    String other = CniConflist.standard("10.42.4.0/24", IPAM).render();
    assertThat(ConflistWriter.write(conf, CniConflist.FILE_NAME, other)).isTrue();
    assertThat(Files.readString(conf.resolve("10-j8s.conflist"))).isEqualTo(other);
    try (Stream<Path> s = Files.list(conf)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("10-j8s.conflist");
    }
  }

  @Test
  void missingPluginsAreNamed(@TempDir Path bin) throws Exception {
    for (String p : List.of("bridge", "loopback")) {
      Files.createFile(bin.resolve(p), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Files.createFile(bin.resolve("portmap")); // not executable
    assertThat(CniPlugins.missing(bin, CniConflist.requiredPlugins())).containsExactly("host-local", "portmap");
    assertThatThrownBy(() -> CniPlugins.require(bin, CniConflist.requiredPlugins()))
        .hasMessageContaining("CNI plugins missing in " + bin + ": host-local, portmap").hasMessageContaining("containernetworking-plugins");
    Files.createFile(bin.resolve("host-local"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    bin.resolve("portmap").toFile().setExecutable(true);
    CniPlugins.require(bin, CniConflist.requiredPlugins());
  }
}
