package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImagesTest {
  static final byte[] FAKE_BUSYBOX = "\u007fELF not really".getBytes(StandardCharsets.ISO_8859_1);
  static final List<String> APPLETS = List.of("sh", "ls", "[", "sleep", "ls", " ", "busybox", "sh\n", "bad/name");

  @Test
  void rootfsHasBusyboxAndOneLinkPerApplet() {
    Map<String, TarEntries.Entry> e = TarEntries.read(LocalImages.rootfs(FAKE_BUSYBOX, APPLETS)).byName();
    assertThat(e.get("bin/busybox").content()).isEqualTo(FAKE_BUSYBOX);
    assertThat(e.get("bin/busybox").mode()).isEqualTo(0755);
    List<String> links = e.values().stream().filter(x -> x.type() == '2').map(TarEntries.Entry::name).toList();
    assertThat(links).containsExactly("bin/[", "bin/ls", "bin/sh", "bin/sleep"); // trimmed, unique, sorted, no busybox, no slashes
    assertThat(e.values()).filteredOn(x -> x.type() == '2').allSatisfy(x -> assertThat(x.link()).isEqualTo("busybox"));
    assertThat(e.get("tmp/").mode()).isEqualTo(01777);
    assertThat(e.get("root/").mode()).isEqualTo(0700);
    assertThat(e).containsKeys("proc/", "sys/", "dev/", "etc/", "usr/bin/", "var/");
    assertThat(new String(e.get("etc/passwd").content(), StandardCharsets.US_ASCII)).startsWith("root:x:0:0:").contains("nobody:x:65534");
    assertThat(new String(e.get("etc/group").content(), StandardCharsets.US_ASCII)).startsWith("root:x:0:");
  }

  @Test
  void busyboxRunsAShellAndPauseSleepsUntilSignalled() {
    List<OciImage> images = LocalImages.build(FAKE_BUSYBOX, APPLETS, "amd64");
    assertThat(images).extracting(OciImage::name).containsExactly(LocalImages.BUSYBOX, LocalImages.PAUSE);
    String busybox = new String(images.get(0).config().bytes(), StandardCharsets.UTF_8);
    assertThat(busybox).contains("\"Cmd\":[\"sh\"]").doesNotContain("Entrypoint").contains(LocalImages.PATH_ENV);
    String pause = new String(images.get(1).config().bytes(), StandardCharsets.UTF_8);
    assertThat(pause).contains("\"Entrypoint\":[\"/bin/sh\",\"-c\",\"trap 'exit 0' TERM INT;").doesNotContain("\"Cmd\"");
    // one layer, shared: containerd stores it once
    assertThat(images.get(0).layer().digest()).isEqualTo(images.get(1).layer().digest());
    assertThat(LocalImages.fileName(images.get(0))).isEqualTo("j8s.local_busybox_1.tar");
    assertThat(LocalImages.fileName(images.get(1))).isEqualTo("j8s.local_pause_1.tar");
  }

  @Test
  void writesTarballsOnlyWhenTheirBytesChange(@TempDir Path dir) throws Exception {
    List<OciImage> images = LocalImages.build(FAKE_BUSYBOX, APPLETS, "amd64");
    assertThat(LocalImages.writeTo(dir, images)).extracting(p -> p.getFileName().toString())
        .containsExactly("j8s.local_busybox_1.tar", "j8s.local_pause_1.tar");
    assertThat(Files.readAllBytes(dir.resolve("j8s.local_busybox_1.tar"))).isEqualTo(images.get(0).layoutTar());
    assertThat(LocalImages.writeTo(dir, images)).isEmpty();
    List<OciImage> newer = LocalImages.build("other busybox".getBytes(StandardCharsets.US_ASCII), APPLETS, "amd64");
    assertThat(LocalImages.writeTo(dir, newer)).hasSize(2);
    Files.write(dir.resolve("j8s.local_pause_1.tar"), new byte[] {1, 2, 3}); // damaged: written again
    assertThat(LocalImages.writeTo(dir, newer)).extracting(p -> p.getFileName().toString()).containsExactly("j8s.local_pause_1.tar");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("j8s.local_busybox_1.tar", "j8s.local_pause_1.tar");
    }
  }
}
