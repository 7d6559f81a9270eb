package io.j8s.kubelet.images;

import io.j8s.base.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * j8s's own images, made from the host's static busybox (Debian {@code busybox-static}) since no
 * node reaches a registry: {@value #BUSYBOX} (busybox, a link per applet in {@code /bin},
 * {@code sh} as command) and the sandbox ("pause") image {@value #PAUSE} (the same root
 * filesystem, whose entrypoint sleeps until SIGTERM or SIGINT and then exits 0).
 */
public final class LocalImages {
  public static final String BUSYBOX = "j8s.local/busybox:1";
  public static final String PAUSE = "j8s.local/pause:1";
  public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");
  static final String PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** PID 1 ignores signals it has no handler for, hence the trap; {@code wait} returns as soon as one arrives. */
  static final String PAUSE_SCRIPT = "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done";

  private LocalImages() {}

  /** Both images, from the given busybox binary and its applet names. */
  public static List<OciImage> build(byte[] busybox, List<String> applets, String architecture) {
    byte[] rootfs = rootfs(busybox, applets);
    return List.of(
        new OciImage(BUSYBOX, architecture, List.of(), List.of("sh"), List.of(PATH_ENV), rootfs),
        new OciImage(PAUSE, architecture, List.of("/bin/sh", "-c", PAUSE_SCRIPT), List.of(), List.of(PATH_ENV), rootfs));
  }

  /** Both images, from {@code /bin/busybox} on this host. */
  public static List<OciImage> fromHost(ProcessRunner runner) {
    if (!Files.isExecutable(HOST_BUSYBOX)) {
      throw new IllegalStateException(HOST_BUSYBOX + " is missing: install the Debian package busybox-static"
          + " (scripts/host-packages.sh --with-node does); j8s builds its pause image from it");
    }
    List<String> applets = Arrays.asList(runner.run(HOST_BUSYBOX.toString(), "--list").orThrow().stdout().split("\n"));
    try {
      return build(Files.readAllBytes(HOST_BUSYBOX), applets, OciImage.hostArchitecture());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The root filesystem layer: a static busybox, its applet links, minimal /etc. Deterministic. */
  public static byte[] rootfs(byte[] busybox, List<String> applets) {
    TarWriter t = new TarWriter();
    for (String d : List.of("bin", "dev", "etc", "proc", "sys", "usr", "usr/bin", "usr/sbin", "sbin", "var")) t.directory(d, 0755);
    t.directory("root", 0700);
    t.directory("tmp", 01777);
    t.file("bin/busybox", 0755, busybox);
    applets.stream().map(String::strip).filter(a -> !a.isEmpty() && !a.contains("/") && !a.equals("busybox"))
        .distinct().sorted().forEach(a -> t.symlink("bin/" + a, "busybox"));
    t.file("etc/passwd", 0644, ascii("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"));
    t.file("etc/group", 0644, ascii("root:x:0:\nnogroup:x:65534:\n"));
    return t.finish();
  }

  /** The tarball's file name for an image, e.g. {@code j8s.local_busybox_1.tar}. */
  public static String fileName(OciImage image) { return image.name().replaceAll("[/:@]", "_") + ".tar"; }

  /** Writes each image's layout tarball into {@code dir}, only where the bytes differ; returns the files written. */
  public static List<Path> writeTo(Path dir, List<OciImage> images) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (OciImage image : images) {
        Path file = dir.resolve(fileName(image));
        byte[] bytes = image.layoutTar();
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) continue;
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write image tarballs to " + dir, e);
    }
    return written;
  }

  private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
