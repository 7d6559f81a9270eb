package io.j8s.kubelet.containerd;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this process may do, from its effective capability set in {@code /proc/self/status}. */
public final class HostCapabilities {
  /** CAP_SYS_RESOURCE: needed to lower an oom_score_adj (containerd's -999, a sandbox's -998). */
  static final int CAP_SYS_RESOURCE = 24;

  private HostCapabilities() {}

  /**
   * Whether oom_score_adj can be set below its current value. Root in a container often cannot;
   * then containerd must be told to keep containers' scores at or above its own.
   */
  public static boolean canLowerOomScore() {
    try {
      return has(Files.readAllLines(Path.of("/proc/self/status")), CAP_SYS_RESOURCE);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the {@code CapEff} line of a {@code /proc/<pid>/status} text has capability {@code cap}. */
  static boolean has(List<String> status, int cap) {
    for (String line : status) {
      if (line.startsWith("CapEff:")) return new BigInteger(line.substring(7).strip(), 16).testBit(cap);
    }
    return false;
  }
}
