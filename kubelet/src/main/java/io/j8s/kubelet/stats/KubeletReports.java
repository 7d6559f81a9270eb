package io.j8s.kubelet.stats;

import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.kubelet.cri.CriRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The bodies of the kubelet API's {@code /metrics}, {@code /metrics/resource} and {@code /stats/summary}. */
public final class KubeletReports {
  private final CriRuntime cri;
  private final StatsCollector collector;
  private final PodWorkerMetrics podMetrics;

  public KubeletReports(CriRuntime cri, StatsCollector collector, PodWorkerMetrics podMetrics) {
    this.cri = cri;
    this.collector = collector;
    this.podMetrics = podMetrics;
  }

  /** Reports for a node whose pods (start times) come from {@code pods}. */
  public static KubeletReports of(CriRuntime cri, String nodeName, Path nodefs, Supplier<List<Pod>> pods, PodWorkerMetrics podMetrics) {
    return new KubeletReports(cri, new StatsCollector(cri, nodeName, nodefs, uid -> startTime(pods.get(), uid)), podMetrics);
  }

  static Instant startTime(List<Pod> pods, String uid) {
    for (Pod p : pods) {
      if (uid.equals(p.getMetadata().getUid()) && p.getStatus() != null && p.getStatus().getStartTime() != null) {
        try {
          return Instant.parse(p.getStatus().getStartTime());
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  public String metrics() {
    return KubeletMetrics.render(cri.listPodSandbox(), cri.listContainers(), podMetrics, cri.operations().snapshot(),
        cri.operations().latencies());
  }

  public String resourceMetrics() { return ResourceMetrics.render(collector.collect()); }

  public Map<String, Object> summary() { return SummaryJson.summary(collector.collect()); }
}
