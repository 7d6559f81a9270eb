package io.j8s.network.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.network.cni.HostLocalAllocations.Allocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostLocalAllocationsTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test void readsHostLocalsFilesAndSkipsItsOwn(@TempDir Path data) throws Exception {
    Path net = Files.createDirectories(data.resolve("j8s"));
    Files.writeString(net.resolve("10.42.0.2"), "aaa111\r\neth0");
    Files.writeString(net.resolve("10.42.0.3"), "bbb222\neth0\n");
    Files.writeString(net.resolve("lock"), "");
    Files.writeString(net.resolve("last_reserved_ip.0"), "10.42.0.3");
    Files.setLastModifiedTime(net.resolve("10.42.0.2"), FileTime.from(NOW.minusSeconds(600)));
    List<Allocation> all = HostLocalAllocations.read(data, "j8s");
    assertThat(all).extracting(Allocation::ip, Allocation::sandboxId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("10.42.0.2", "aaa111"), org.assertj.core.groups.Tuple.tuple("10.42.0.3", "bbb222"));
    assertThat(HostLocalAllocations.read(data, "none")).isEmpty();
  }

  @Test void orphansAreUnknownSandboxesPastTheGrace() {
    List<Allocation> all = List.of(new Allocation("10.42.0.2", "live", NOW.minusSeconds(3600)),
        new Allocation("10.42.0.3", "gone", NOW.minusSeconds(3600)), new Allocation("10.42.0.4", "new", NOW.minusSeconds(5)),
        new Allocation("10.42.0.5", "gone2", NOW.minus(Duration.ofMinutes(2))));
    assertThat(HostLocalAllocations.orphans(all, Set.of("live"), NOW, Duration.ofMinutes(2))).extracting(Allocation::ip)
        .containsExactly("10.42.0.3");
    assertThat(HostLocalAllocations.orphans(all, Set.of("live", "gone", "new", "gone2"), NOW, Duration.ZERO)).isEmpty();
  }

  @Test void releaseDeletesOnlyWhileTheFileStillNamesTheSandbox(@TempDir Path data) throws Exception {
    Path net = Files.createDirectories(data.resolve("j8s"));
    Files.writeString(net.resolve("10.42.0.2"), "old\r\neth0");
    Allocation a = new Allocation("10.42.0.2", "old", NOW);
    Files.writeString(net.resolve("10.42.0.2"), "reused\r\neth0"); // host-local gave the address to a new sandbox meanwhile
    assertThat(HostLocalAllocations.release(data, "j8s", a)).isFalse();
    assertThat(net.resolve("10.42.0.2")).exists();
    Files.writeString(net.resolve("10.42.0.2"), "old\r\neth0");
    assertThat(HostLocalAllocations.release(data, "j8s", a)).isTrue();
    assertThat(net.resolve("10.42.0.2")).doesNotExist();
    assertThat(HostLocalAllocations.release(data, "j8s", a)).isFalse();
  }
}
