package io.j8s.kubelet.cri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CriOperationsTest {
  @Test
  void operationTypesAreUpstreamsSnakeCaseNames() {
    assertThat(CriOperations.operationType("ListPodSandbox")).isEqualTo("list_podsandbox");
    assertThat(CriOperations.operationType("RunPodSandbox")).isEqualTo("run_podsandbox");
    assertThat(CriOperations.operationType("CreateContainer")).isEqualTo("create_container");
    assertThat(CriOperations.operationType("Version")).isEqualTo("version");
  }

  @Test
  void callsErrorsAndTimeAreCountedPerOperation() {
    CriOperations ops = new CriOperations();
    ops.record("ListContainers", 1_000_000, false);
    ops.record("ListContainers", 2_000_000, true);
    assertThat(ops.snapshot()).containsEntry("list_containers", new CriOperations.Totals(2, 1, 0.003));
  }

  @Test
  void latenciesAreAHistogramPerOperationWithUpstreamsBuckets() {
    CriOperations ops = new CriOperations();
    ops.record("RunPodSandbox", 4_000_000, false); // 4 ms: first bucket (5 ms)
    ops.record("RunPodSandbox", 5_000_000, false); // on the bound: in it
    ops.record("RunPodSandbox", 300_000_000, true); // 0.3 s: the 0.48828125 bucket
    ops.record("RunPodSandbox", 500_000_000_000L, false); // above every bound: +Inf only
    CriOperations.Latency l = ops.latencies().get("run_podsandbox");
    assertThat(l.count()).isEqualTo(4);
    assertThat(l.seconds()).isCloseTo(500.309, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(l.cumulative()).containsExactly(2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4);
    assertThat(CriOperations.bucket(0)).isZero();
    assertThat(CriOperations.bucket(1000)).isEqualTo(CriOperations.BUCKETS.length);
  }
}
