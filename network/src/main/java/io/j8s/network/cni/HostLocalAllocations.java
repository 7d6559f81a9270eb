package io.j8s.network.cni;

import io.j8s.api.net.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The addresses host-local hands out, as it keeps them: one file per address under
 * {@code <dataDir>/<network name>/}, named by the address, holding the container (sandbox) id on
 * its first line. {@link #orphans} is pure: the allocations of sandboxes the runtime no longer has,
 * older than a grace period (host-local writes the file before the runtime lists the new sandbox);
 * {@link #release} deletes one allocation's file if it still names that sandbox. A CNI DEL never
 * made (the sandbox died while the agent or runtime was down, or the runtime lost it) would
 * otherwise keep the address forever.
 */
public final class HostLocalAllocations {
  /** How old an allocation of an unknown sandbox must be before it is released. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);

  private HostLocalAllocations() {}

  /** One address held for one sandbox. */
  public record Allocation(String ip, String sandboxId, Instant modified) {}

  /** The allocations under {@code dataDir/network}; empty when host-local has not run yet. */
  public static List<Allocation> read(Path dataDir, String network) throws IOException {
    Path dir = dataDir.resolve(network);
    if (!Files.isDirectory(dir)) return List.of();
    List<Allocation> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        String name = f.getFileName().toString();
        if (Ipv4.parse(name).isEmpty() || !Files.isRegularFile(f)) continue; // lock, last_reserved_ip.0
        try {
          String id = firstLine(Files.readString(f, StandardCharsets.UTF_8));
          out.add(new Allocation(name, id, Files.getLastModifiedTime(f).toInstant()));
        } catch (NoSuchFileException e) {
          // released meanwhile
        }
      }
    }
    return out;
  }

  static String firstLine(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) != '\r' && s.charAt(i) != '\n') i++;
    return s.substring(0, i).strip();
  }

  /** The allocations of sandboxes not in {@code liveSandboxIds}, made before {@code now - grace}. */
  public static List<Allocation> orphans(List<Allocation> allocations, Set<String> liveSandboxIds, Instant now, Duration grace) {
    Instant cutoff = now.minus(grace);
    return allocations.stream().filter(a -> !liveSandboxIds.contains(a.sandboxId()) && a.modified().isBefore(cutoff)).toList();
  }

  /** Deletes the allocation's file if it still names the same sandbox; true when it did. */
  public static boolean release(Path dataDir, String network, Allocation a) throws IOException {
    Path f = dataDir.resolve(network).resolve(a.ip());
    try {
      if (!firstLine(Files.readString(f, StandardCharsets.UTF_8)).equals(a.sandboxId())) return false;
    } catch (NoSuchFileException e) {
      return false;
    }
    return Files.deleteIfExists(f);
  }
}
