package io.j8s.network.cni;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks that the CNI plugin binaries a conflist needs are in the plugin directory. */
public final class CniPlugins {
  private CniPlugins() {}

  /** The names in {@code required} that are not executable files in {@code binDir}. */
  public static List<String> missing(Path binDir, List<String> required) {
    return required.stream().filter(p -> !Files.isRegularFile(binDir.resolve(p)) || !Files.isExecutable(binDir.resolve(p))).toList();
  }

  /** Fails with what is missing and how to install it, rather than leaving pods without a network. */
  public static void require(Path binDir, List<String> required) {
    List<String> gone = missing(binDir, required);
    if (!gone.isEmpty()) {
      throw new IllegalStateException("CNI plugins missing in " + binDir + ": " + String.join(", ", gone)
          + " (pods cannot get a network; install Debian's containernetworking-plugins: apt-get install containernetworking-plugins,"
          + " or run scripts/host-packages.sh --with-node)");
    }
  }
}
