package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A volumeMount's subPath on the host: created (directory by directory, each step checked to stay inside the
 * volume, with the volume's mode) when missing, then resolved through symlinks and refused when it leaves the
 * volume. The resolved path is what the container gets, so a symlink swapped in later cannot redirect the mount.
 * (Upstream goes further and bind-mounts an opened file descriptor; between this check and the runtime's bind mount
 * a process of the pod could still swap a path component: a known, narrower gap.)
 */
final class SubPaths {
  private SubPaths() {}

  static final class MakeDirException extends IOException {
    MakeDirException(String message) {
      super(message);
    }
  }

  static Path prepare(Path volume, String subPath) throws IOException {
    Path root = volume.toRealPath();
    Path target = volume.resolve(subPath);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) makeDirs(root, subPath);
    Path real = target.toRealPath();
    if (!real.startsWith(root)) throw new IOException("subpath " + real + " not within volume path " + root);
    return real;
  }

  private static void makeDirs(Path root, String subPath) throws MakeDirException {
    try {
      var perms = Files.getPosixFilePermissions(root);
      Path current = root;
      for (String part : subPath.split("/")) {
        if (part.isEmpty() || part.equals(".")) continue;
        Path next = current.resolve(part);
        if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.createDirectory(next);
            Files.setPosixFilePermissions(next, perms);
          } catch (FileAlreadyExistsException ignored) {
            // created meanwhile: checked below
          }
        }
        current = next.toRealPath();
        if (!current.startsWith(root) || !Files.isDirectory(current)) {
          throw new MakeDirException("subPath component " + next + " leaves the volume or is not a directory");
        }
      }
    } catch (MakeDirException e) {
      throw e;
    } catch (IOException e) {
      throw new MakeDirException(e.getMessage());
    }
  }
}
