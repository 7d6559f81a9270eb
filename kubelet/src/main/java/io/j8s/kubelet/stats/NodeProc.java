package io.j8s.kubelet.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The node's CPU and memory use from the text of /proc/stat, /proc/meminfo and /proc/vmstat, as cadvisor counts the root; pure. */
public final class NodeProc {
  /** USER_HZ: the unit of /proc/stat's counters on Linux. */
  static final long USER_HZ = 100;

  private NodeProc() {}

  /** Cumulative busy time of all CPUs (everything but idle and iowait) in core-nanoseconds; null when unreadable. */
  public static Long cpuCoreNanos(String procStat) {
    for (String line : procStat.split("\n")) {
      if (!line.startsWith("cpu ")) continue;
      String[] f = line.trim().split("\\s+");
      long total = 0;
      long idle = 0;
      // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice)
      for (int i = 1; i < f.length && i <= 8; i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) idle += v;
      }
      return (total - idle) * (1_000_000_000L / USER_HZ);
    }
    return null;
  }

  /** Boot time (btime of /proc/stat); null when unreadable. */
  public static Instant bootTime(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("btime ")) return Instant.ofEpochSecond(Long.parseLong(line.substring(6).trim()));
    }
    return null;
  }

  /**
   * Memory as the root cgroup's: usage = MemTotal - MemFree, working set = usage - Inactive(file)
   * (at least 0), available = MemAvailable, rss = anonymous memory, page faults from vmstat.
   */
  public static StatsSnapshot.Memory memory(String meminfo, String vmstat, Instant now) {
    Map<String, Long> m = fields(meminfo, true);
    Map<String, Long> v = fields(vmstat, false);
    Long total = m.get("MemTotal");
    Long free = m.get("MemFree");
    Long usage = total != null && free != null ? total - free : null;
    Long inactiveFile = m.getOrDefault("Inactive(file)", 0L);
    Long working = usage == null ? null : Math.max(0, usage - inactiveFile);
    Long rss = m.containsKey("AnonPages") ? m.get("AnonPages") : null;
    return new StatsSnapshot.Memory(now, m.get("MemAvailable"), usage, working, rss, v.get("pgfault"), v.get("pgmajfault"));
  }

  /** {@code Key: 123 kB} lines (meminfo, in bytes) or {@code key 123} lines (vmstat). */
  static Map<String, Long> fields(String text, boolean kib) {
    Map<String, Long> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("[:\\s]+");
      if (f.length < 2) continue;
      try {
        long val = Long.parseLong(f[1]);
        out.put(f[0], kib && f.length > 2 && f[2].equals("kB") ? val * 1024 : val);
      } catch (NumberFormatException e) {
        // not a counter line
      }
    }
    return out;
  }
}
