package io.j8s.kubelet.containerd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the host's executables (containerd, ctr, runc) in the usual system directories. */
public final class HostBinaries {
  /** The directories searched, in order; also the PATH given to containerd. */
  public static final List<String> DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private HostBinaries() {}

  public static String path() { return String.join(":", DIRS); }

  /** The first executable named {@code name} in {@link #DIRS}; fails naming the Debian package to install. */
  public static Path find(String name, String debianPackage) {
    for (String d : DIRS) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return p;
    }
    throw new IllegalStateException(name + " not found in " + path() + ": install the Debian package "
        + debianPackage + " (scripts/host-packages.sh --with-node does)");
  }
}
