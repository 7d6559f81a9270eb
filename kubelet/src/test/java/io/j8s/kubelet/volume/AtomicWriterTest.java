package io.j8s.kubelet.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {
  @TempDir Path dir;

  static Map<String, FileProjection> files(Object... kv) {
    Map<String, FileProjection> m = new java.util.TreeMap<>();
    for (int i = 0; i < kv.length; i += 3) m.put((String) kv[i], FileProjection.text((String) kv[i + 1], (Integer) kv[i + 2]));
    return m;
  }

  List<String> generations() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("..") && !n.startsWith("..data")).sorted().toList();
    }
  }

  @Test
  void upstreamLayoutWithDataLinkAndVisibleLinks() throws IOException {
    assertThat(AtomicWriter.write(dir, files("a", "1", 0644, "sub/b", "2", 0400))).isTrue();
    Path data = dir.resolve("..data");
    assertThat(data).isSymbolicLink();
    String ts = Files.readSymbolicLink(data).toString();
    assertThat(ts).matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+");
    assertThat(Files.readSymbolicLink(dir.resolve("a"))).isEqualTo(Path.of("..data/a"));
    assertThat(Files.readSymbolicLink(dir.resolve("sub"))).isEqualTo(Path.of("..data/sub"));
    assertThat(dir.resolve("a")).hasContent("1");
    assertThat(dir.resolve("sub/b")).hasContent("2");
    assertThat(AtomicWriter.mode(dir.resolve(ts).resolve("a"))).isEqualTo(0644);
    assertThat(AtomicWriter.mode(dir.resolve(ts).resolve("sub/b"))).isEqualTo(0400);
    assertThat(AtomicWriter.mode(dir.resolve(ts))).isEqualTo(0755);
    assertThat(dir.resolve("..data_tmp")).doesNotExist();
  }

  @Test
  void unchangedContentIsNotRewritten() throws IOException {
    AtomicWriter.write(dir, files("a", "1", 0644));
    String ts = Files.readSymbolicLink(dir.resolve("..data")).toString();
    assertThat(AtomicWriter.write(dir, files("a", "1", 0644))).isFalse();
    assertThat(Files.readSymbolicLink(dir.resolve("..data")).toString()).isEqualTo(ts);
    // a changed mode alone is a change
    assertThat(AtomicWriter.write(dir, files("a", "1", 0600))).isTrue();
    // a removed file is a change
    AtomicWriter.write(dir, files("a", "1", 0600, "b", "2", 0600));
    assertThat(AtomicWriter.write(dir, files("a", "1", 0600))).isTrue();
  }

  /** Sets a data directory's mtime {@code seconds} back, as if written (and so its predecessor replaced) that long ago. */
  void age(String generation, int seconds) throws IOException {
    Files.setLastModifiedTime(dir.resolve(generation), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(seconds)));
  }

  @Test
  void updatesSwapDataAddAndRemoveVisibleNamesAndKeepReplacedGenerationsForAWhile() throws IOException {
    AtomicWriter.write(dir, files("a", "1", 0644, "old", "x", 0644));
    String first = Files.readSymbolicLink(dir.resolve("..data")).toString();
    AtomicWriter.write(dir, files("a", "2", 0644, "new/n", "y", 0644));
    String second = Files.readSymbolicLink(dir.resolve("..data")).toString();
    assertThat(second).isNotEqualTo(first);
    assertThat(dir.resolve("a")).hasContent("2");
    assertThat(dir.resolve("new/n")).hasContent("y");
    assertThat(dir.resolve("old")).doesNotExist();
    assertThat(Files.exists(dir.resolve("old"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(generations()).containsExactlyInAnyOrder(first, second);
    AtomicWriter.write(dir, files("a", "3", 0644));
    String third = Files.readSymbolicLink(dir.resolve("..data")).toString();
    assertThat(generations()).as("replaced moments ago: kept for readers that resolved ..data before").containsExactlyInAnyOrder(first, second, third);
    age(first, 30);
    age(second, 20);
    AtomicWriter.write(dir, files("a", "3", 0644)); // an idle sync drops what was replaced long enough ago
    assertThat(generations()).as("first was replaced 20 s ago, second moments ago").containsExactlyInAnyOrder(second, third);
    age(third, 10);
    AtomicWriter.write(dir, files("a", "3", 0644));
    assertThat(generations()).containsExactly(third);
    AtomicWriter.write(dir, Map.of());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".."))).isEmpty();
    }
  }

  @Test
  void invalidPathsAreRefusedBeforeWriting() {
    assertThatThrownBy(() -> AtomicWriter.write(dir, files("../x", "1", 0644))).hasMessage("invalid path: must not contain '..': ../x");
    assertThatThrownBy(() -> AtomicWriter.write(dir, files("..data", "1", 0644))).hasMessage("invalid path: must not start with '..': ..data");
    assertThat(dir.resolve("..data")).doesNotExist();
    assertThat(AtomicWriter.validatePath("a/../b")).isEqualTo("invalid path: must not contain '..': a/../b");
    assertThat(AtomicWriter.validatePath("")).startsWith("invalid path: must not be empty");
    assertThat(AtomicWriter.validatePath("x".repeat(256))).isEqualTo("invalid path: filenames must be less than or equal to 255 characters");
    assertThat(AtomicWriter.validatePath("..")).isNotNull();
    assertThat(AtomicWriter.validatePath("a..b/..c")).isNull();
    assertThat(AtomicWriter.validatePath("ok/file")).isNull();
  }

  @Test
  void modeBitsRoundTrip() {
    for (int m : new int[] {0, 0400, 0644, 0755, 0777, 0111, 0640}) {
      assertThat(AtomicWriter.permissions(m)).hasSize(Integer.bitCount(m));
    }
  }
}
