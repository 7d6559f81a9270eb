package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {
  static byte[] sample() {
    return new TarWriter()
        .directory("bin", 0755)
        .file("bin/tool", 0755, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8))
        .symlink("bin/sh", "tool")
        .directory("tmp", 01777)
        .file("empty", 0644, new byte[0])
        .file("block", 0600, new byte[512])
        .finish();
  }

  @Test
  void entriesReadBackWithTypesModesSizesAndLinks() {
    Map<String, TarEntries.Entry> e = TarEntries.read(sample()).byName();
    assertThat(e.keySet()).containsExactly("bin/", "bin/tool", "bin/sh", "tmp/", "empty", "block");
    assertThat(e.get("bin/").type()).isEqualTo('5');
    assertThat(e.get("bin/tool").type()).isEqualTo('0');
    assertThat(e.get("bin/tool").mode()).isEqualTo(0755);
    assertThat(new String(e.get("bin/tool").content(), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\necho hi\n");
    assertThat(e.get("bin/sh").type()).isEqualTo('2');
    assertThat(e.get("bin/sh").link()).isEqualTo("tool");
    assertThat(e.get("tmp/").mode()).isEqualTo(01777);
    assertThat(e.get("empty").content()).isEmpty();
    assertThat(e.get("block").content()).hasSize(512);
    assertThat(e.values()).allSatisfy(x -> {
      assertThat(x.uid()).isZero();
      assertThat(x.gid()).isZero();
      assertThat(x.mtime()).isZero();
    });
  }

  @Test
  void sameEntriesSameBytes() {
    assertThat(sample()).isEqualTo(sample());
    // header + one data block per non-empty file, two closing blocks
    assertThat(sample()).hasSize(512 * (6 + 1 + 1 + 2));
  }

  @Test
  void longNamesUseTheUstarPrefix() {
    String dir = "a".repeat(120);
    String name = dir + "/" + "f".repeat(90);
    byte[] tar = new TarWriter().file(name, 0644, new byte[] {1}).finish();
    assertThat(TarEntries.read(tar).entries()).singleElement().satisfies(x -> assertThat(x.name()).isEqualTo(name));
    assertThatThrownBy(() -> new TarWriter().file("x".repeat(101), 0644, new byte[0])).hasMessageContaining("too long");
    assertThatThrownBy(() -> new TarWriter().symlink("l", "t".repeat(101))).hasMessageContaining("too long");
  }

  @Test
  void finishedArchivesTakeNoMoreEntries() {
    TarWriter t = new TarWriter().directory("d", 0755);
    byte[] first = t.finish();
    assertThat(t.finish()).isEqualTo(first);
    assertThatThrownBy(() -> t.directory("e", 0755)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void gnuTarReadsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sample.tar");
    Files.write(file, sample());
    var r = new ProcessRunner().run("tar", "-tvf", file.toString()).orThrow();
    assertThat(r.stdout()).contains("bin/tool", "bin/sh -> tool", "tmp/").contains("drwxrwxrwt");
  }
}
