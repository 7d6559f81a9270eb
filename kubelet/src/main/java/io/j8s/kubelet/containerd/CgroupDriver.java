package io.j8s.kubelet.containerd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Who manages the container cgroups; runc's driver must match the kubelet's. */
public enum CgroupDriver {
  CGROUPFS, SYSTEMD;

  /**
   * The CRI {@code cgroup_parent} for a top-level group called {@code name} in this driver's
   * syntax: a slice ({@code name.slice}) for systemd, a path ({@code /name}) for cgroupfs.
   * Without a parent, containerd names cgroups {@code /k8s.io/<id>}, which runc's systemd driver rejects.
   */
  public String cgroupParent(String name) {
    if (!name.matches("[a-z0-9_]+")) throw new IllegalArgumentException("cgroup name must be [a-z0-9_]+: " + name);
    return this == SYSTEMD ? name + ".slice" : "/" + name;
  }

  /** systemd when it is PID 1 (as upstream's default for systemd hosts), else cgroupfs. */
  public static CgroupDriver detect() { return forInit(readInit(Path.of("/proc/1/comm"))); }

  static CgroupDriver forInit(String pid1Name) { return "systemd".equals(pid1Name.strip()) ? SYSTEMD : CGROUPFS; }

  /**
   * Fails unless a cgroup filesystem is mounted in this mount namespace: runc cannot start a
   * container without one (`ip netns exec` hides them behind its fresh /sys; scripts/netns-host.sh
   * mounts them again).
   */
  public static void requireCgroupMounts() {
    List<String> mountinfo;
    try {
      mountinfo = Files.readAllLines(Path.of("/proc/self/mountinfo"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
    }
    if (!hasCgroupMount(mountinfo)) {
      throw new IllegalStateException("no cgroup filesystem is mounted here (see /proc/self/mountinfo), so runc cannot"
          + " start containers; mount the cgroup hierarchies at /sys/fs/cgroup (inside `ip netns exec`, whose fresh"
          + " /sys hides them, scripts/netns-host.sh does)");
    }
  }

  static boolean hasCgroupMount(List<String> mountinfo) {
    for (String line : mountinfo) {
      int dash = line.indexOf(" - ");
      if (dash < 0) continue;
      String fsType = line.substring(dash + 3).split(" ", 2)[0];
      if (fsType.equals("cgroup") || fsType.equals("cgroup2")) return true;
    }
    return false;
  }

  private static String readInit(Path comm) {
    try {
      return Files.readString(comm);
    } catch (IOException e) {
      return "";
    }
  }
}
