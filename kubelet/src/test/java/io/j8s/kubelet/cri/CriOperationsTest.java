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
}
