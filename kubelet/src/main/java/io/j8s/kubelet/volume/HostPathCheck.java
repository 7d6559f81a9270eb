package io.j8s.kubelet.volume;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * upstream's hostPath type checks: {@code DirectoryOrCreate} and {@code FileOrCreate} create what is missing
 * (directory 0755 with parents, empty file 0644 without), then they and the other types check what the path is
 * (symlinks followed); "" checks nothing. The messages are upstream's.
 */
final class HostPathCheck {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;

  private HostPathCheck() {}

  /** Null when the path is acceptable, else the error message. */
  static String check(Path path, String type) {
    try {
      switch (type) {
        case "":
          return null;
        case "DirectoryOrCreate":
          if (!Files.exists(path)) {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
          return is(path, S_IFDIR) ? null : notA(path, "directory");
        case "Directory":
          return is(path, S_IFDIR) ? null : notA(path, "directory");
        case "FileOrCreate":
          if (!Files.exists(path)) {
            try {
              Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            } catch (FileAlreadyExistsException ignored) {
              // created meanwhile: checked below
            }
          }
          return is(path, S_IFREG) ? null : notA(path, "file");
        case "File":
          return is(path, S_IFREG) ? null : notA(path, "file");
        case "Socket":
          return is(path, S_IFSOCK) ? null : notA(path, "socket file");
        case "CharDevice":
          return is(path, S_IFCHR) ? null : notA(path, "character device");
        case "BlockDevice":
          return is(path, S_IFBLK) ? null : notA(path, "block device");
        default:
          return type + " is an invalid volume type";
      }
    } catch (IOException e) {
      return "hostPath type check failed: " + path + ": " + e.getMessage();
    }
  }

  private static boolean is(Path path, int kind) throws IOException {
    if (!Files.exists(path)) return false;
    int mode = (Integer) Files.getAttribute(path, "unix:mode");
    return (mode & S_IFMT) == kind;
  }

  private static String notA(Path path, String what) {
    return "hostPath type check failed: " + path + " is not a " + what;
  }
}
