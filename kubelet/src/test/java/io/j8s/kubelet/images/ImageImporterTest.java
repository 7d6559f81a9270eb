package io.j8s.kubelet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.base.process.ProcessFailedException;
import io.j8s.base.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import decisions, with a stand-in {@code ctr} that records its arguments (and fails on request). */
class ImageImporterTest {
  @TempDir Path dir;
  Path images;
  Path calls;
  ImageImporter importer;

  @BeforeEach
  void setUp() throws Exception {
    images = Files.createDirectories(dir.resolve("images"));
    calls = dir.resolve("calls");
    Path ctr = dir.resolve("ctr");
    Files.writeString(ctr, "#!/bin/sh\necho \"$@\" >> " + calls + "\ncase \"$*\" in *fail*) echo 'ctr: broken tar' >&2; exit 1;; esac\n"
        // what ctr 1.6 prints per image in the tarball
        + "eval last=\\${$#}; n=$(basename \"$last\" .tar); echo \"unpacking example.test/$n:1 (sha256:0123abcd)...done\"\n");
    Files.setPosixFilePermissions(ctr, PosixFilePermissions.fromString("rwxr-xr-x"));
    importer = new ImageImporter(ctr, Path.of("/run/test/containerd.sock"), dir.resolve("containerd/imported-images.properties"),
        "native", new ProcessRunner());
  }

  List<String> calls() throws Exception { return Files.exists(calls) ? Files.readAllLines(calls) : List.of(); }

  @Test
  void importsEachTarballOnceUntilItChanges() throws Exception {
    Files.writeString(images.resolve("a.tar"), "A");
    Files.writeString(images.resolve("b.tar"), "B");
    Files.writeString(images.resolve("notes.txt"), "not an image");
    Files.writeString(images.resolve(".partial.tar"), "being written");
    assertThat(importer.importChanged(images)).extracting(p -> p.getFileName().toString()).containsExactly("a.tar", "b.tar");
    assertThat(calls()).containsExactly(
        "--address /run/test/containerd.sock --namespace k8s.io images import --snapshotter native " + images.resolve("a.tar"),
        "--address /run/test/containerd.sock --namespace k8s.io images import --snapshotter native " + images.resolve("b.tar"));

    assertThat(importer.importChanged(images)).isEmpty();
    Files.writeString(images.resolve("b.tar"), "B2");
    Files.writeString(images.resolve("c.tar"), "C");
    assertThat(importer.importChanged(images)).extracting(p -> p.getFileName().toString()).containsExactly("b.tar", "c.tar");
    assertThat(calls()).hasSize(4);
  }

  @Test
  void aFailedImportIsNotRecordedAndIsTriedAgain() throws Exception {
    Files.writeString(images.resolve("a.tar"), "A");
    Files.writeString(images.resolve("fail.tar"), "F");
    assertThatThrownBy(() -> importer.importChanged(images)).isInstanceOf(ProcessFailedException.class).hasMessageContaining("broken tar");
    assertThat(importer.importChanged(images.resolveSibling("absent"))).isEmpty();
    assertThatThrownBy(() -> importer.importChanged(images)).isInstanceOf(ProcessFailedException.class);
    assertThat(calls()).filteredOn(c -> c.endsWith("a.tar")).hasSize(1); // recorded before the failure
    assertThat(calls()).filteredOn(c -> c.endsWith("fail.tar")).hasSize(2);
  }

  @Test
  void theReferencesOfImportedImagesAreRemembered() throws Exception {
    Path record = dir.resolve("containerd/imported-images.properties");
    Files.writeString(images.resolve("a.tar"), "A");
    Files.writeString(images.resolve("b.tar"), "B");
    importer.importChanged(images);
    assertThat(ImageImporter.importedRefs(record)).containsExactly("example.test/a:1", "example.test/b:1");
    // a record written by an older agent has no references: the tarball is imported again to learn them
    Files.writeString(record, Files.readString(record).replaceAll("(?m)^b\\.tar\\.refs=.*$", ""));
    assertThat(importer.importChanged(images)).extracting(p -> p.getFileName().toString()).containsExactly("b.tar");
    assertThat(ImageImporter.importedRefs(record)).containsExactly("example.test/a:1", "example.test/b:1");
    assertThat(ImageImporter.refs("unpacking docker.io/library/x:2 (sha256:ff)...done\nunpacking y@sha256:00 (sha256:ee)...done\n"))
        .containsExactly("docker.io/library/x:2", "y@sha256:00");
  }

  @Test
  void aWipedRecordMeansEverythingIsImportedAgain() throws Exception {
    Files.writeString(images.resolve("a.tar"), "A");
    importer.importChanged(images);
    Files.delete(dir.resolve("containerd/imported-images.properties"));
    assertThat(importer.importChanged(images)).hasSize(1);
  }
}
