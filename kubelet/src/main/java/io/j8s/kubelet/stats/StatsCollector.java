package io.j8s.kubelet.stats;

import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.ContainerStats;
import io.j8s.kubelet.cri.v1.FilesystemUsage;
import io.j8s.kubelet.cri.v1.PodSandboxStats;
import io.j8s.kubelet.cri.v1.UInt64Value;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Gathers a {@link StatsSnapshot}: the running containers (ListContainers) with their use
 * (ListContainerStats), the pods' sandboxes (ListPodSandboxStats; when the runtime does not
 * answer it a pod's CPU and memory are its containers' sums), the node from /proc, nodefs from the
 * agent dir's filesystem and imagefs from ImageFsInfo. Pod start times come from {@code podStart}
 * (the pods' status.startTime), by uid.
 */
public final class StatsCollector {
  private static final String POD_NAME = "io.kubernetes.pod.name";
  private static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
  private static final String POD_UID = "io.kubernetes.pod.uid";
  private static final String CONTAINER_NAME = "io.kubernetes.container.name";

  private final CriRuntime cri;
  private final String nodeName;
  private final Path nodefs;
  private final Function<String, Instant> podStart;
  private final CpuRates rates = new CpuRates();

  public StatsCollector(CriRuntime cri, String nodeName, Path nodefs, Function<String, Instant> podStart) {
    this.cri = cri;
    this.nodeName = nodeName;
    this.nodefs = nodefs;
    this.podStart = podStart;
  }

  public StatsSnapshot collect() {
    Instant now = Instant.now();
    String stat = read("/proc/stat");
    StatsSnapshot.Node node = new StatsSnapshot.Node(nodeName, NodeProc.bootTime(stat), rates.cpu("node", now, NodeProc.cpuCoreNanos(stat)),
        NodeProc.memory(read("/proc/meminfo"), read("/proc/vmstat"), now), fs(nodefs, null, now), imageFs(now));

    Map<String, Container> running = new HashMap<>();
    for (Container c : cri.listContainers()) if (c.getState() == ContainerState.CONTAINER_RUNNING) running.put(c.getId(), c);
    Map<String, List<StatsSnapshot.Container>> byPod = new LinkedHashMap<>();
    Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
    for (ContainerStats s : cri.listContainerStats()) {
      Container c = running.get(s.getAttributes().getId());
      if (c == null) continue;
      Map<String, String> l = s.getAttributes().getLabelsMap();
      String uid = l.get(POD_UID);
      if (uid == null) continue;
      podLabels.putIfAbsent(uid, l);
      Instant t = s.hasCpu() && s.getCpu().getTimestamp() > 0 ? nanos(s.getCpu().getTimestamp()) : now;
      StatsSnapshot.Cpu cpu = rates.cpu(c.getId(), t, s.hasCpu() ? value(s.getCpu().hasUsageCoreNanoSeconds(), s.getCpu().getUsageCoreNanoSeconds()) : null);
      StatsSnapshot.Memory mem = s.hasMemory() ? memory(s.getMemory(), now) : null;
      StatsSnapshot.Fs rootfs = s.hasWritableLayer() ? new StatsSnapshot.Fs(now, null, null,
          value(s.getWritableLayer().hasUsedBytes(), s.getWritableLayer().getUsedBytes()), null, null,
          value(s.getWritableLayer().hasInodesUsed(), s.getWritableLayer().getInodesUsed())) : null;
      byPod.computeIfAbsent(uid, k -> new ArrayList<>()).add(new StatsSnapshot.Container(l.getOrDefault(CONTAINER_NAME, ""),
          nanos(c.getCreatedAt()), cpu, mem, rootfs));
    }
    Map<String, PodSandboxStats> sandboxes = new HashMap<>();
    try {
      for (PodSandboxStats s : cri.listPodSandboxStats()) {
        String uid = s.getAttributes().getLabelsMap().get(POD_UID);
        if (uid != null) {
          sandboxes.put(uid, s);
          podLabels.putIfAbsent(uid, s.getAttributes().getLabelsMap());
        }
      }
    } catch (RuntimeException e) {
      // an older runtime: pods are the sums of their containers
    }
    List<StatsSnapshot.Pod> pods = new ArrayList<>();
    rates.prune(now);
    for (var e : podLabels.entrySet()) {
      String uid = e.getKey();
      Map<String, String> l = e.getValue();
      List<StatsSnapshot.Container> containers = byPod.getOrDefault(uid, List.of());
      PodSandboxStats sb = sandboxes.get(uid);
      StatsSnapshot.Cpu cpu;
      StatsSnapshot.Memory mem;
      StatsSnapshot.Network net = null;
      Long procs = null;
      if (sb != null && sb.hasLinux() && sb.getLinux().hasCpu()) {
        var lx = sb.getLinux();
        cpu = rates.cpu("pod/" + uid, lx.getCpu().getTimestamp() > 0 ? nanos(lx.getCpu().getTimestamp()) : now,
            value(lx.getCpu().hasUsageCoreNanoSeconds(), lx.getCpu().getUsageCoreNanoSeconds()));
        mem = lx.hasMemory() ? memory(lx.getMemory(), now) : null;
        if (lx.hasNetwork() && lx.getNetwork().hasDefaultInterface()) {
          var d = lx.getNetwork().getDefaultInterface();
          net = new StatsSnapshot.Network(now, d.getName(), value(d.hasRxBytes(), d.getRxBytes()), value(d.hasRxErrors(), d.getRxErrors()),
              value(d.hasTxBytes(), d.getTxBytes()), value(d.hasTxErrors(), d.getTxErrors()));
        }
        if (lx.hasProcess()) procs = value(lx.getProcess().hasProcessCount(), lx.getProcess().getProcessCount());
      } else {
        cpu = sumCpu(containers, now);
        mem = sumMemory(containers, now);
      }
      Instant start = podStart.apply(uid);
      pods.add(new StatsSnapshot.Pod(l.getOrDefault(POD_NAMESPACE, ""), l.getOrDefault(POD_NAME, ""), uid, start, containers, cpu, mem,
          net, procs));
    }
    return new StatsSnapshot(now, node, pods);
  }

  static StatsSnapshot.Cpu sumCpu(List<StatsSnapshot.Container> cs, Instant now) {
    Long usage = null, rate = null;
    for (var c : cs) {
      if (c.cpu() == null) continue;
      if (c.cpu().usageCoreNanoSeconds() != null) usage = (usage == null ? 0 : usage) + c.cpu().usageCoreNanoSeconds();
      if (c.cpu().usageNanoCores() != null) rate = (rate == null ? 0 : rate) + c.cpu().usageNanoCores();
    }
    return new StatsSnapshot.Cpu(now, usage, rate);
  }

  static StatsSnapshot.Memory sumMemory(List<StatsSnapshot.Container> cs, Instant now) {
    Long ws = null, usage = null, rss = null;
    for (var c : cs) {
      if (c.memory() == null) continue;
      if (c.memory().workingSetBytes() != null) ws = (ws == null ? 0 : ws) + c.memory().workingSetBytes();
      if (c.memory().usageBytes() != null) usage = (usage == null ? 0 : usage) + c.memory().usageBytes();
      if (c.memory().rssBytes() != null) rss = (rss == null ? 0 : rss) + c.memory().rssBytes();
    }
    return new StatsSnapshot.Memory(now, null, usage, ws, rss, null, null);
  }

  private static StatsSnapshot.Memory memory(io.j8s.kubelet.cri.v1.MemoryUsage m, Instant now) {
    return new StatsSnapshot.Memory(m.getTimestamp() > 0 ? nanos(m.getTimestamp()) : now, value(m.hasAvailableBytes(), m.getAvailableBytes()),
        value(m.hasUsageBytes(), m.getUsageBytes()), value(m.hasWorkingSetBytes(), m.getWorkingSetBytes()),
        value(m.hasRssBytes(), m.getRssBytes()), value(m.hasPageFaults(), m.getPageFaults()),
        value(m.hasMajorPageFaults(), m.getMajorPageFaults()));
  }

  private StatsSnapshot.Fs imageFs(Instant now) {
    try {
      List<FilesystemUsage> fs = cri.imageFsInfo();
      if (fs.isEmpty()) return null;
      FilesystemUsage u = fs.getFirst();
      Long used = value(u.hasUsedBytes(), u.getUsedBytes());
      return fs(Path.of(u.getFsId().getMountpoint()), used, now);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static StatsSnapshot.Fs fs(Path p, Long usedOverride, Instant now) {
    Path existing = p;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null) return null;
    try {
      FileStore s = Files.getFileStore(existing);
      long total = s.getTotalSpace();
      long avail = s.getUsableSpace();
      long used = usedOverride != null ? usedOverride : total - s.getUnallocatedSpace();
      return new StatsSnapshot.Fs(now, avail, total, used, null, null, null);
    } catch (IOException e) {
      return null;
    }
  }

  private static Long value(boolean has, UInt64Value v) { return has ? v.getValue() : null; }

  private static Instant nanos(long n) { return n <= 0 ? null : Instant.ofEpochSecond(0, n); }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      return "";
    }
  }
}
