/**
 * What the kubelet API reports about the node's resource use and its own work: a
 * {@link io.j8s.kubelet.stats.StatsSnapshot} gathered from CRI (ListPodSandboxStats,
 * ListContainerStats, ImageFsInfo) and the node's /proc and root filesystem by
 * {@link io.j8s.kubelet.stats.StatsCollector}, rendered by pure code as upstream's
 * {@code /stats/summary} (stats/v1alpha1 Summary, {@link io.j8s.kubelet.stats.SummaryJson}) and
 * {@code /metrics/resource} ({@link io.j8s.kubelet.stats.ResourceMetrics}); and the kubelet's own
 * Prometheus metrics for {@code /metrics} ({@link io.j8s.kubelet.stats.KubeletMetrics}: running
 * pods and containers, pod start and pod worker durations, runtime operations and errors).
 */
package io.j8s.kubelet.stats;
