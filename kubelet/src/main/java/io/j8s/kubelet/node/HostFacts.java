package io.j8s.kubelet.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads the machine's facts from procfs, sysfs and /etc (each file optional: an unreadable one
 * gives an empty value), with the parsing kept in small pure functions.
 */
public final class HostFacts {
  private HostFacts() {}

  /**
   * The node's facts for {@code dataDir}'s filesystem; {@code nodeName} and {@code nodeIp} as
   * resolved from flags, {@code runtimeVersion} as {@code <runtime name>://<version>}.
   */
  public static NodeFacts read(String nodeName, String nodeIp, Path dataDir, String runtimeVersion) {
    long memory = memInfo(readOr("/proc/meminfo", ""), "MemTotal").orElse(0);
    long storage;
    try {
      storage = Files.getFileStore(existing(dataDir)).getTotalSpace();
    } catch (IOException e) {
      storage = 0;
    }
    int cpus = onlineCpus(readOr("/sys/devices/system/cpu/online", "")).orElse(Runtime.getRuntime().availableProcessors());
    return new NodeFacts(nodeName, nodeName, nodeIp, cpus, memory, storage, "linux", goArch(System.getProperty("os.arch")),
        readOr("/proc/sys/kernel/osrelease", "").trim(), osImage(readOr("/etc/os-release", "")),
        readOr("/etc/machine-id", "").trim(), readOr("/sys/class/dmi/id/product_uuid", "").trim(),
        readOr("/proc/sys/kernel/random/boot_id", "").trim(), NodeFacts.KUBELET_VERSION, runtimeVersion);
  }

  /** The machine's hostname, lower case (upstream's default node name). */
  public static String hostname() {
    String h = readOr("/proc/sys/kernel/hostname", "").trim();
    if (h.isEmpty()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        h = "localhost";
      }
    }
    return h.toLowerCase(Locale.ROOT);
  }

  /** A /proc/meminfo field in bytes ({@code MemTotal:  24563812 kB}). */
  static OptionalLong memInfo(String meminfo, String field) {
    for (String line : meminfo.split("\n")) {
      if (!line.startsWith(field + ":")) continue;
      String[] p = line.substring(field.length() + 1).trim().split("\\s+");
      try {
        long v = Long.parseLong(p[0]);
        return OptionalLong.of(p.length > 1 && p[1].equalsIgnoreCase("kB") ? v * 1024 : v);
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** The number of CPUs in a sysfs list such as {@code 0-3,6,8-9}. */
  static OptionalInt onlineCpus(String list) {
    String t = list.trim();
    if (t.isEmpty()) return OptionalInt.empty();
    int n = 0;
    try {
      for (String part : t.split(",")) {
        int dash = part.indexOf('-');
        n += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
      }
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
    return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
  }

  /** PRETTY_NAME from os-release, unquoted; "Linux" when absent (upstream's default). */
  static String osImage(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("PRETTY_NAME=")) {
        String v = line.substring("PRETTY_NAME=".length()).trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return "Linux";
  }

  /** Java's os.arch in Go's (GOARCH) words. */
  static String goArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> javaArch;
    };
  }

  static String readOr(String path, String fallback) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | RuntimeException e) {
      return fallback;
    }
  }

  /** The nearest existing ancestor (the data dir may not exist yet). */
  static Path existing(Path p) {
    Path q = p.toAbsolutePath();
    while (q != null && !Files.exists(q)) q = q.getParent();
    return q == null ? Path.of("/") : q;
  }
}
