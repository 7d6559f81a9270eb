package io.j8s.kubelet.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upstream's {@code /stats/summary} body (stats/v1alpha1 Summary) from a snapshot, as maps ready for JSON; pure. */
public final class SummaryJson {
  private SummaryJson() {}

  public static Map<String, Object> summary(StatsSnapshot s) {
    Map<String, Object> out = new LinkedHashMap<>();
    var n = s.node();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("nodeName", n.nodeName());
    put(node, "startTime", time(n.startTime()));
    put(node, "cpu", cpu(n.cpu()));
    put(node, "memory", memory(n.memory()));
    put(node, "fs", fs(n.fs()));
    if (n.imageFs() != null) node.put("runtime", Map.of("imageFs", fs(n.imageFs())));
    out.put("node", node);
    List<Object> pods = new ArrayList<>();
    for (var p : s.pods()) {
      Map<String, Object> pod = new LinkedHashMap<>();
      pod.put("podRef", Map.of("name", p.name(), "namespace", p.namespace(), "uid", p.uid()));
      put(pod, "startTime", time(p.startTime()));
      List<Object> containers = new ArrayList<>();
      for (var c : p.containers()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("name", c.name());
        put(cm, "startTime", time(c.startTime()));
        put(cm, "cpu", cpu(c.cpu()));
        put(cm, "memory", memory(c.memory()));
        put(cm, "rootfs", fs(c.rootfs()));
        containers.add(cm);
      }
      pod.put("containers", containers);
      put(pod, "cpu", cpu(p.cpu()));
      put(pod, "memory", memory(p.memory()));
      if (p.network() != null) {
        Map<String, Object> net = new LinkedHashMap<>();
        put(net, "time", time(p.network().time()));
        net.put("name", p.network().name());
        put(net, "rxBytes", p.network().rxBytes());
        put(net, "rxErrors", p.network().rxErrors());
        put(net, "txBytes", p.network().txBytes());
        put(net, "txErrors", p.network().txErrors());
        Map<String, Object> iface = new LinkedHashMap<>(net);
        iface.remove("time");
        net.put("interfaces", List.of(iface));
        pod.put("network", net);
      }
      if (p.processCount() != null) pod.put("process_stats", Map.of("process_count", p.processCount()));
      pods.add(pod);
    }
    out.put("pods", pods);
    return out;
  }

  static Map<String, Object> cpu(StatsSnapshot.Cpu c) {
    if (c == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "time", time(c.time()));
    put(m, "usageNanoCores", c.usageNanoCores());
    put(m, "usageCoreNanoSeconds", c.usageCoreNanoSeconds());
    return m;
  }

  static Map<String, Object> memory(StatsSnapshot.Memory mem) {
    if (mem == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "time", time(mem.time()));
    put(m, "availableBytes", mem.availableBytes());
    put(m, "usageBytes", mem.usageBytes());
    put(m, "workingSetBytes", mem.workingSetBytes());
    put(m, "rssBytes", mem.rssBytes());
    put(m, "pageFaults", mem.pageFaults());
    put(m, "majorPageFaults", mem.majorPageFaults());
    return m;
  }

  static Map<String, Object> fs(StatsSnapshot.Fs f) {
    if (f == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "time", time(f.time()));
    put(m, "availableBytes", f.availableBytes());
    put(m, "capacityBytes", f.capacityBytes());
    put(m, "usedBytes", f.usedBytes());
    put(m, "inodesFree", f.inodesFree());
    put(m, "inodes", f.inodes());
    put(m, "inodesUsed", f.inodesUsed());
    return m;
  }

  private static String time(Instant t) { return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); }

  private static void put(Map<String, Object> m, String k, Object v) { if (v != null) m.put(k, v); }
}
