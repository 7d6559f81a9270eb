package io.j8s.kubelet.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.kubelet.cri.CriOperations;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsRenderingTest {
  static final Instant T = Instant.parse("2026-11-26T05:00:00.250Z");

  static StatsSnapshot snapshot() {
    var cpu = new StatsSnapshot.Cpu(T, 2_500_000_000L, 125_000_000L);
    var mem = new StatsSnapshot.Memory(T, null, 4_000_000L, 3_000_000L, 1_000_000L, null, null);
    var c = new StatsSnapshot.Container("web", T.minusSeconds(60), cpu, mem, null);
    var pod = new StatsSnapshot.Pod("ns1", "web-1", "u1", T.minusSeconds(61), List.of(c), cpu, mem,
        new StatsSnapshot.Network(T, "eth0", 10L, 0L, 20L, 0L), 3L);
    var node = new StatsSnapshot.Node("n1", T.minusSeconds(3600), new StatsSnapshot.Cpu(T, 9_000_000_000_000L, 500_000_000L),
        new StatsSnapshot.Memory(T, 1L << 30, 3L << 30, 2L << 30, null, 7L, 1L),
        new StatsSnapshot.Fs(T, 100L, 1000L, 900L, null, null, null), null);
    return new StatsSnapshot(T, node, List.of(pod));
  }

  @Test
  void resourceMetricsHaveUpstreamNamesLabelsAndTimestamps() {
    String text = ResourceMetrics.render(snapshot());
    assertThat(text).contains("# TYPE container_cpu_usage_seconds_total counter\n")
        .contains("container_cpu_usage_seconds_total{container=\"web\",namespace=\"ns1\",pod=\"web-1\"} 2.5 " + T.toEpochMilli() + "\n")
        .contains("container_memory_working_set_bytes{container=\"web\",namespace=\"ns1\",pod=\"web-1\"} 3000000 " + T.toEpochMilli())
        .contains("node_cpu_usage_seconds_total 9000 " + T.toEpochMilli())
        .contains("node_memory_working_set_bytes 2147483648 ")
        .contains("pod_cpu_usage_seconds_total{namespace=\"ns1\",pod=\"web-1\"} 2.5 ")
        .contains("pod_memory_working_set_bytes{namespace=\"ns1\",pod=\"web-1\"} 3000000 ")
        .contains("container_start_time_seconds{container=\"web\",namespace=\"ns1\",pod=\"web-1\"} 1795669140.25 ")
        .contains("resource_scrape_error 0\n");
  }

  @Test
  void summaryIsShapedAsStatsV1alpha1() {
    Map<String, Object> s = SummaryJson.summary(snapshot());
    @SuppressWarnings("unchecked") Map<String, Object> node = (Map<String, Object>) s.get("node");
    assertThat(node).containsEntry("nodeName", "n1").containsEntry("startTime", "2026-11-26T04:00:00Z");
    assertThat(node.get("cpu")).isEqualTo(Map.of("time", "2026-11-26T05:00:00Z", "usageNanoCores", 500_000_000L,
        "usageCoreNanoSeconds", 9_000_000_000_000L));
    assertThat(node.get("memory")).isEqualTo(Map.of("time", "2026-11-26T05:00:00Z", "availableBytes", 1L << 30, "usageBytes", 3L << 30,
        "workingSetBytes", 2L << 30, "pageFaults", 7L, "majorPageFaults", 1L));
    assertThat(node).doesNotContainKey("runtime");
    @SuppressWarnings("unchecked") Map<String, Object> pod = (Map<String, Object>) ((List<?>) s.get("pods")).getFirst();
    assertThat(pod.get("podRef")).isEqualTo(Map.of("name", "web-1", "namespace", "ns1", "uid", "u1"));
    assertThat(pod).containsKeys("cpu", "memory", "network", "containers", "startTime");
    assertThat(pod.get("process_stats")).isEqualTo(Map.of("process_count", 3L));
    @SuppressWarnings("unchecked") Map<String, Object> net = (Map<String, Object>) pod.get("network");
    assertThat(net).containsEntry("name", "eth0").containsEntry("rxBytes", 10L).containsEntry("txBytes", 20L);
    assertThat((List<?>) net.get("interfaces")).hasSize(1);
    @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) ((List<?>) pod.get("containers")).getFirst();
    assertThat(c).containsEntry("name", "web").containsKeys("cpu", "memory").doesNotContainKey("rootfs");
  }

  @Test
  void kubeletMetricsCountSandboxesContainersAndOperations() {
    PodWorkerMetrics pods = new PodWorkerMetrics();
    pods.podStarted(Duration.ofMillis(1500));
    pods.workerRan("create", Duration.ofMillis(30));
    pods.workerRan("sync", Duration.ofMillis(2));
    String text = KubeletMetrics.render(
        List.of(PodSandbox.newBuilder().setState(PodSandboxState.SANDBOX_READY).build(),
            PodSandbox.newBuilder().setState(PodSandboxState.SANDBOX_NOTREADY).build()),
        List.of(Container.newBuilder().setState(ContainerState.CONTAINER_RUNNING).build(),
            Container.newBuilder().setState(ContainerState.CONTAINER_RUNNING).build(),
            Container.newBuilder().setState(ContainerState.CONTAINER_EXITED).build()),
        pods, Map.of("list_podsandbox", new CriOperations.Totals(5, 1, 0.5)));
    assertThat(text).contains("kubelet_running_pods 1\n")
        .contains("kubelet_running_containers{container_state=\"running\"} 2\n")
        .contains("kubelet_running_containers{container_state=\"exited\"} 1\n")
        .contains("kubelet_running_containers{container_state=\"created\"} 0\n")
        .contains("# TYPE kubelet_pod_start_duration_seconds histogram\n")
        .contains("kubelet_pod_start_duration_seconds_bucket{le=\"1\"} 0\n")
        .contains("kubelet_pod_start_duration_seconds_bucket{le=\"2\"} 1\n")
        .contains("kubelet_pod_start_duration_seconds_bucket{le=\"+Inf\"} 1\n")
        .contains("kubelet_pod_start_duration_seconds_sum 1.5\n")
        .contains("kubelet_pod_start_duration_seconds_count 1\n")
        .contains("kubelet_pod_worker_duration_seconds_bucket{operation_type=\"create\",le=\"0.05\"} 1\n")
        .contains("kubelet_pod_worker_duration_seconds_count{operation_type=\"sync\"} 1\n")
        .contains("kubelet_runtime_operations_total{operation_type=\"list_podsandbox\"} 5\n")
        .contains("kubelet_runtime_operations_errors_total{operation_type=\"list_podsandbox\"} 1\n");
  }

  @Test
  void runtimeOperationLatenciesAreUpstreamsHistogram() {
    long[] cum = new long[io.j8s.kubelet.cri.CriOperations.BUCKETS.length + 1];
    java.util.Arrays.fill(cum, 2, cum.length, 1); // one call of 20 ms
    String text = KubeletMetrics.render(List.of(), List.of(), new PodWorkerMetrics(),
        Map.of("start_container", new CriOperations.Totals(1, 0, 0.02)), Map.of("start_container",
            new CriOperations.Latency(io.j8s.kubelet.cri.CriOperations.BUCKETS, cum, 0.02, 1)));
    assertThat(text).contains("# TYPE kubelet_runtime_operations_duration_seconds histogram\n")
        .contains("kubelet_runtime_operations_duration_seconds_bucket{operation_type=\"start_container\",le=\"0.0125\"} 0\n")
        .contains("kubelet_runtime_operations_duration_seconds_bucket{operation_type=\"start_container\",le=\"0.03125\"} 1\n")
        .contains("kubelet_runtime_operations_duration_seconds_bucket{operation_type=\"start_container\",le=\"+Inf\"} 1\n")
        .contains("kubelet_runtime_operations_duration_seconds_count{operation_type=\"start_container\"} 1\n")
        .contains("kubelet_runtime_operations_total{operation_type=\"start_container\"} 1\n");
  }

  @Test
  void histogramBucketsAreCumulativeAndBoundsInclusive() {
    Histogram h = new Histogram(new double[] {1, 2});
    h.observe(1);
    h.observe(1.5);
    h.observe(9);
    var v = h.view();
    assertThat(v.cumulative()).containsExactly(1, 2, 3);
    assertThat(v.sum()).isEqualTo(11.5);
  }

  @Test
  void labelValuesAreEscapedAndNumbersPrintedPlainly() {
    String t = new PromText().sample("m", Map.of("a", "x\"y\\z\nw"), 0.1).toString();
    assertThat(t).isEqualTo("m{a=\"x\\\"y\\\\z\\nw\"} 0.1\n");
    assertThat(PromText.number(3)).isEqualTo("3");
    assertThat(PromText.number(1e-9)).isEqualTo("0.000000001");
    assertThat(PromText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }

  @Test
  void nodeCpuAndMemoryComeFromProcAsTheRootCgroupCountsThem() {
    String stat = "cpu  100 20 30 1000 50 5 5 0 0 0\ncpu0 50 10 15 500 25 2 3 0 0 0\nbtime 1795600000\n";
    assertThat(NodeProc.cpuCoreNanos(stat)).isEqualTo((100 + 20 + 30 + 5 + 5) * 10_000_000L);
    assertThat(NodeProc.bootTime(stat)).isEqualTo(Instant.ofEpochSecond(1795600000));
    String meminfo = "MemTotal:       1000 kB\nMemFree:         200 kB\nMemAvailable:    600 kB\nInactive(file):  300 kB\nAnonPages: 100 kB\n";
    var m = NodeProc.memory(meminfo, "pgfault 42\npgmajfault 3\n", T);
    assertThat(m.usageBytes()).isEqualTo(800 * 1024L);
    assertThat(m.workingSetBytes()).isEqualTo(500 * 1024L);
    assertThat(m.availableBytes()).isEqualTo(600 * 1024L);
    assertThat(m.rssBytes()).isEqualTo(100 * 1024L);
    assertThat(m.pageFaults()).isEqualTo(42L);
    assertThat(m.majorPageFaults()).isEqualTo(3L);
    assertThat(NodeProc.cpuCoreNanos("")).isNull();
  }

  @Test
  void cpuRatesNeedTwoSamplesAndSkipACounterThatWentBack() {
    CpuRates r = new CpuRates();
    assertThat(r.cpu("c", T, 1_000_000_000L).usageNanoCores()).isNull();
    assertThat(r.cpu("c", T.plusSeconds(2), 2_000_000_000L).usageNanoCores()).isEqualTo(500_000_000L);
    assertThat(r.cpu("c", T.plusSeconds(3), 10L).usageNanoCores()).isNull(); // a new container with the same key
    assertThat(r.cpu("d", T, null).usageCoreNanoSeconds()).isNull();
  }

  @Test
  void podsWithoutSandboxStatsAreTheSumOfTheirContainers() {
    var a = new StatsSnapshot.Container("a", T, new StatsSnapshot.Cpu(T, 10L, 1L), new StatsSnapshot.Memory(T, null, 5L, 4L, null, null, null), null);
    var b = new StatsSnapshot.Container("b", T, new StatsSnapshot.Cpu(T, 20L, null), new StatsSnapshot.Memory(T, null, 7L, 6L, 2L, null, null), null);
    assertThat(StatsCollector.sumCpu(List.of(a, b), T)).isEqualTo(new StatsSnapshot.Cpu(T, 30L, 1L));
    assertThat(StatsCollector.sumMemory(List.of(a, b), T)).isEqualTo(new StatsSnapshot.Memory(T, null, 12L, 10L, 2L, null, null));
  }
}
