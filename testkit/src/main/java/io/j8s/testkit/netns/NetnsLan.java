package io.j8s.testkit.netns;

import io.j8s.base.process.ProcessResult;
import io.j8s.base.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LAN of namespace hosts: {@code <prefix>-lan} holds bridge {@code lan0}; each host
 * {@code <prefix>-<name>} has {@code eth0} (MTU 1500) with {@code <subnet>.<n>/24}, plugged into
 * the bridge. {@link #joinCaller} plugs the caller's own namespace in too (device
 * {@code <tag>lan}, address {@code <subnet>.254}). {@link #close} kills what runs in the hosts and
 * deletes everything it made. Names must be unique on the machine: the prefix should carry the pid.
 */
public final class NetnsLan implements AutoCloseable {
  private static final ProcessRunner SH = new ProcessRunner();
  private final String prefix;
  private final String subnet;
  private final String tag;
  private final Map<String, String> hosts = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private String callerDevice;

  /**
   * @param tag a short unique tag (at most 6 characters) for device names in the caller's namespace
   * @param subnet the LAN's first three octets, e.g. {@code 172.31.201}
   */
  public NetnsLan(String tag, String subnet) {
    if (tag.length() > 6) throw new IllegalArgumentException("tag too long: " + tag);
    this.tag = tag;
    this.prefix = "j8s-" + tag + "-" + ProcessHandle.current().pid();
    this.subnet = subnet;
    run("ip", "netns", "add", lanNs());
    run("ip", "-n", lanNs(), "link", "set", "lo", "up");
    run("ip", "-n", lanNs(), "link", "add", "lan0", "type", "bridge");
    run("ip", "-n", lanNs(), "link", "set", "lan0", "up");
  }

  private String lanNs() { return prefix + "-lan"; }

  /** The namespace of host {@code name}. */
  public String namespace(String name) { return prefix + "-" + name; }

  /** Adds host {@code name} with address {@code <subnet>.<octet>}; returns that address. */
  public String addHost(String name, int octet) {
    String ns = namespace(name);
    String ip = subnet + "." + octet;
    run("ip", "netns", "add", ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    String port = "p" + octet;
    run("ip", "-n", lanNs(), "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
    run("ip", "-n", lanNs(), "link", "set", port, "master", "lan0", "up");
    run("ip", "-n", ns, "addr", "add", ip + "/24", "dev", "eth0");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
    hosts.put(name, ip);
    return ip;
  }

  /** Plugs the caller's namespace into the LAN at {@code <subnet>.254}; returns that address. */
  public String joinCaller() {
    callerDevice = tag + "lan";
    run("ip", "link", "add", callerDevice, "type", "veth", "peer", "name", "pcaller", "netns", lanNs());
    run("ip", "-n", lanNs(), "link", "set", "pcaller", "master", "lan0", "up");
    run("ip", "addr", "add", subnet + ".254/24", "dev", callerDevice);
    run("ip", "link", "set", callerDevice, "up");
    return subnet + ".254";
  }

  /** Runs a command in host {@code name} and waits for it. */
  public ProcessResult exec(String name, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(name)));
    cmd.addAll(List.of(command));
    return SH.run(cmd, null);
  }

  /**
   * Starts a long-running command in host {@code name} with the cgroup hierarchies mounted again
   * inside (containerd and runc need them), output to {@code log}; {@link #close} ends it.
   */
  public Process spawn(String name, Path log, List<String> command) throws IOException {
    String mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> {
      String[] halves = l.split(" - ", 2);
      String[] a = halves[0].split(" ");
      String[] b = halves[1].split(" ");
      return a[4].startsWith("/sys/fs/cgroup") ? a[4] + " " + b[0] + " " + b[2] : null;
    }).filter(java.util.Objects::nonNull).reduce("", (x, y) -> x + y + "\n");
    String script = """
        while read -r mp fs opts; do
          case "$fs" in
            tmpfs|cgroup|cgroup2) mkdir -p "$mp" 2>/dev/null; mount -t "$fs" -o "$opts" "$fs" "$mp" || echo "cannot mount $fs at $mp" >&2 ;;
          esac
        done <<< "$J8S_CGROUP_MOUNTS"
        exec "$@"
        """;
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(name), "bash", "-c", script, "netns-host"));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("J8S_CGROUP_MOUNTS", mounts);
    Process p = pb.start();
    synchronized (processes) { processes.add(p); }
    return p;
  }

  /** Stops a process started by {@link #spawn}: SIGTERM, then SIGKILL after {@code graceSeconds}. */
  public static void stop(Process p, int graceSeconds) {
    p.destroy();
    try {
      if (!p.waitFor(graceSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void close() {
    List<Process> ps;
    synchronized (processes) { ps = new ArrayList<>(processes); }
    for (Process p : ps) if (p.isAlive()) stop(p, 20);
    for (String h : hosts.keySet()) {
      // whatever is left in the host (containerd shims): the processes the namespace lists
      for (String pid : SH.run("ip", "netns", "pids", namespace(h)).stdout().split("\\s+")) {
        if (!pid.isBlank()) SH.run("kill", "-9", pid.strip());
      }
      SH.run("ip", "netns", "del", namespace(h));
    }
    if (callerDevice != null) SH.run("ip", "link", "del", callerDevice);
    SH.run("ip", "netns", "del", lanNs());
  }

  private static void run(String... cmd) { SH.run(cmd).orThrow(); }
}
