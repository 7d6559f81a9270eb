package io.j8s.kubelet.stats;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pod workers measure: upstream's kubelet_pod_start_duration_seconds (from the kubelet
 * first seeing a pod to its status first showing it Running) and kubelet_pod_worker_duration_seconds
 * by operation_type (create: a pod's first sync, kill: a sync of a pod being deleted or gone, else sync).
 */
public final class PodWorkerMetrics {
  private final Histogram podStart = new Histogram(Histogram.POD_START_BUCKETS);
  private final Map<String, Histogram> worker = new ConcurrentHashMap<>();

  public void podStarted(Duration sinceFirstSeen) { podStart.observe(seconds(sinceFirstSeen)); }

  public void workerRan(String operationType, Duration took) {
    worker.computeIfAbsent(operationType, k -> new Histogram(Histogram.DEFAULT_BUCKETS)).observe(seconds(took));
  }

  Histogram.View podStart() { return podStart.view(); }

  Map<String, Histogram.View> worker() {
    Map<String, Histogram.View> out = new TreeMap<>();
    worker.forEach((k, h) -> out.put(k, h.view()));
    return out;
  }

  private static double seconds(Duration d) { return d.toNanos() / 1e9; }
}
