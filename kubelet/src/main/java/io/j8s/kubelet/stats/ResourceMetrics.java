package io.j8s.kubelet.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/** Upstream's {@code /metrics/resource} (the metrics-server's source) from a snapshot; pure. */
public final class ResourceMetrics {
  private ResourceMetrics() {}

  public static String render(StatsSnapshot s) {
    PromText p = new PromText();
    p.family("container_cpu_usage_seconds_total", "counter", "[STABLE] Cumulative cpu time consumed by the container in core-seconds");
    for (var pod : s.pods()) {
      for (var c : pod.containers()) {
        if (c.cpu() != null && c.cpu().usageCoreNanoSeconds() != null) {
          p.sample("container_cpu_usage_seconds_total", container(pod, c), c.cpu().usageCoreNanoSeconds() / 1e9, millis(c.cpu().time()));
        }
      }
    }
    p.family("container_memory_working_set_bytes", "gauge", "[STABLE] Current working set of the container in bytes");
    for (var pod : s.pods()) {
      for (var c : pod.containers()) {
        if (c.memory() != null && c.memory().workingSetBytes() != null) {
          p.sample("container_memory_working_set_bytes", container(pod, c), c.memory().workingSetBytes(), millis(c.memory().time()));
        }
      }
    }
    p.family("container_start_time_seconds", "gauge", "[STABLE] Start time of the container since unix epoch in seconds");
    for (var pod : s.pods()) {
      for (var c : pod.containers()) {
        if (c.startTime() != null) p.sample("container_start_time_seconds", container(pod, c), c.startTime().getEpochSecond()
            + c.startTime().getNano() / 1e9, millis(c.startTime()));
      }
    }
    var node = s.node();
    p.family("node_cpu_usage_seconds_total", "counter", "[STABLE] Cumulative cpu time consumed by the node in core-seconds");
    if (node.cpu() != null && node.cpu().usageCoreNanoSeconds() != null) {
      p.sample("node_cpu_usage_seconds_total", Map.of(), node.cpu().usageCoreNanoSeconds() / 1e9, millis(node.cpu().time()));
    }
    p.family("node_memory_working_set_bytes", "gauge", "[STABLE] Current working set of the node in bytes");
    if (node.memory() != null && node.memory().workingSetBytes() != null) {
      p.sample("node_memory_working_set_bytes", Map.of(), node.memory().workingSetBytes(), millis(node.memory().time()));
    }
    p.family("pod_cpu_usage_seconds_total", "counter", "[STABLE] Cumulative cpu time consumed by the pod in core-seconds");
    for (var pod : s.pods()) {
      if (pod.cpu() != null && pod.cpu().usageCoreNanoSeconds() != null) {
        p.sample("pod_cpu_usage_seconds_total", pod(pod), pod.cpu().usageCoreNanoSeconds() / 1e9, millis(pod.cpu().time()));
      }
    }
    p.family("pod_memory_working_set_bytes", "gauge", "[STABLE] Current working set of the pod in bytes");
    for (var pod : s.pods()) {
      if (pod.memory() != null && pod.memory().workingSetBytes() != null) {
        p.sample("pod_memory_working_set_bytes", pod(pod), pod.memory().workingSetBytes(), millis(pod.memory().time()));
      }
    }
    p.family("resource_scrape_error", "gauge", "[STABLE] 1 if there was an error while getting container metrics, 0 otherwise");
    p.sample("resource_scrape_error", Map.of(), 0);
    return p.toString();
  }

  private static Map<String, String> container(StatsSnapshot.Pod pod, StatsSnapshot.Container c) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("container", c.name());
    l.put("namespace", pod.namespace());
    l.put("pod", pod.name());
    return l;
  }

  private static Map<String, String> pod(StatsSnapshot.Pod pod) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("namespace", pod.namespace());
    l.put("pod", pod.name());
    return l;
  }

  private static Long millis(java.time.Instant t) { return t == null ? null : t.toEpochMilli(); }
}
