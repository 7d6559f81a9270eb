package io.j8s.network.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a conflist into a CNI conf dir atomically (a temporary file in the same directory,
 * then a rename), so containerd, which watches the directory, never reads half a file. The
 * temporary name does not end in {@code .conflist}, {@code .conf} or {@code .json}, so the
 * runtime ignores it.
 */
public final class ConflistWriter {
  private ConflistWriter() {}

  /** Writes {@code text} to {@code confDir/fileName}; returns false (and writes nothing) when the file already holds it. */
  public static boolean write(Path confDir, String fileName, String text) throws IOException {
    Files.createDirectories(confDir);
    Path target = confDir.resolve(fileName);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) return false;
    Path tmp = Files.createTempFile(confDir, "." + fileName + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }
}
