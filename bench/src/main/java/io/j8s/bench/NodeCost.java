package io.j8s.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a batch cost the node besides wall time, as the difference of two snapshots: CPU seconds of
 * the agent JVM, the server JVM and containerd (from /proc/&lt;pid&gt;/stat), and the kubelet's CRI
 * calls by operation type (its {@code kubelet_runtime_operations_total}, read through the API
 * server's node proxy), plus the machine's load average when the snapshot was taken.
 */
record NodeCost(double agentCpu, double serverCpu, double containerdCpu, Map<String, Long> criCalls, String loadavg,
    Map<String, Double> agentThreads) {
  private static final Pattern OPS = Pattern.compile("^kubelet_runtime_operations_total\\{operation_type=\"([a-z_]+)\"} ([0-9.eE+]+)$",
      Pattern.MULTILINE);
  /** USER_HZ: /proc reports CPU time in these ticks (100 on Linux). */
  static final double TICKS = 100.0;

  static NodeCost of(KubernetesClient c, String node, long agentPid, long serverPid) {
    Map<String, Long> calls = new TreeMap<>();
    try {
      String metrics = c.raw("/api/v1/nodes/" + node + "/proxy/metrics");
      if (metrics != null) {
        Matcher m = OPS.matcher(metrics);
        while (m.find()) calls.put(m.group(1), (long) Double.parseDouble(m.group(2)));
      }
    } catch (RuntimeException e) {
      PodStartupBench.progress("reading the kubelet's /metrics: " + e);
    }
    double containerd = ProcessHandle.of(agentPid).map(h -> h.descendants()
        .filter(d -> d.info().command().map(cmd -> cmd.endsWith("/containerd")).orElse(false))
        .mapToDouble(d -> cpuSeconds(d.pid())).sum()).orElse(0.0);
    return new NodeCost(cpuSeconds(agentPid), cpuSeconds(serverPid), containerd, calls, loadAverage(), threadCpu(agentPid));
  }

  /** This snapshot minus an earlier one (load average: the earlier one's, then this one's). */
  NodeCost minus(NodeCost before) {
    Map<String, Long> calls = new TreeMap<>();
    criCalls.forEach((op, n) -> {
      long d = n - before.criCalls.getOrDefault(op, 0L);
      if (d != 0) calls.put(op, d);
    });
    Map<String, Double> threads = new TreeMap<>();
    agentThreads.forEach((t, s) -> {
      double d = s - before.agentThreads.getOrDefault(t, 0.0);
      if (d >= 0.01) threads.put(t, d);
    });
    return new NodeCost(agentCpu - before.agentCpu, serverCpu - before.serverCpu, containerdCpu - before.containerdCpu, calls,
        before.loadavg + " -> " + loadAverage(), threads);
  }

  long totalCalls() { return criCalls.values().stream().mapToLong(Long::longValue).sum(); }

  /** CPU seconds of a process's threads, by thread name with digits dropped (C2 CompilerThread, vert.x-eventloop-thread-, ...). */
  static Map<String, Double> threadCpu(long pid) {
    Map<String, Double> out = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : tasks.toList()) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]", "");
          out.merge(name, cpuSeconds(stat), Double::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** utime + stime of a process, in seconds. */
  static double cpuSeconds(long pid) {
    try {
      return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double cpuSeconds(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // fields 14 and 15 of the whole line
  }

  /** The 1-minute load average (what /proc/loadavg says first). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
