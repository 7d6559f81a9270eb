package io.j8s.kubelet.prober;

import static io.j8s.kubelet.prober.ProbeResult.FAILURE;
import static io.j8s.kubelet.prober.ProbeResult.SUCCESS;
import static io.j8s.kubelet.prober.ProbeResult.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStateTest {
  static ProbeSpec spec(ProbeKind kind, int success, int failure) {
    return new ProbeSpec(kind, new ProbeSpec.Exec(List.of("true")), Duration.ZERO, Duration.ofSeconds(10),
        Duration.ofSeconds(1), success, failure);
  }

  @Test
  void initialResultsAreUpstreams() {
    assertThat(ProbeState.initial(ProbeKind.LIVENESS).result()).isEqualTo(SUCCESS);
    assertThat(ProbeState.initial(ProbeKind.READINESS).result()).isEqualTo(FAILURE);
    assertThat(ProbeState.initial(ProbeKind.STARTUP).result()).isEqualTo(UNKNOWN);
  }

  @Test
  void livenessFailsOnlyAfterFailureThresholdFailuresInARowThenHolds() {
    ProbeSpec spec = spec(ProbeKind.LIVENESS, 1, 3);
    ProbeState s = ProbeState.initial(ProbeKind.LIVENESS).forContainer("c1", ProbeKind.LIVENESS);
    s = s.observe(FAILURE, spec).observe(FAILURE, spec);
    assertThat(s.result()).isEqualTo(SUCCESS);
    s = s.observe(SUCCESS, spec); // breaks the run
    s = s.observe(FAILURE, spec).observe(FAILURE, spec);
    assertThat(s.result()).isEqualTo(SUCCESS);
    s = s.observe(FAILURE, spec);
    assertThat(s.result()).isEqualTo(FAILURE);
    assertThat(s.onHold()).isTrue();
    // a new instance of the container starts over
    ProbeState next = s.forContainer("c2", ProbeKind.LIVENESS);
    assertThat(next).isEqualTo(new ProbeState("c2", SUCCESS, UNKNOWN, 0, false));
    assertThat(s.forContainer("c1", ProbeKind.LIVENESS)).isSameAs(s);
  }

  @Test
  void readinessNeedsSuccessThresholdAndNeverHolds() {
    ProbeSpec spec = spec(ProbeKind.READINESS, 2, 1);
    ProbeState s = ProbeState.initial(ProbeKind.READINESS).forContainer("c1", ProbeKind.READINESS);
    s = s.observe(SUCCESS, spec);
    assertThat(s.result()).isEqualTo(FAILURE);
    s = s.observe(SUCCESS, spec);
    assertThat(s.result()).isEqualTo(SUCCESS);
    s = s.observe(FAILURE, spec);
    assertThat(s.result()).isEqualTo(FAILURE);
    assertThat(s.onHold()).isFalse();
    s = s.observe(SUCCESS, spec).observe(SUCCESS, spec);
    assertThat(s.result()).isEqualTo(SUCCESS);
  }

  @Test
  void unknownMovesNothing() {
    ProbeSpec spec = spec(ProbeKind.LIVENESS, 1, 2);
    ProbeState s = ProbeState.initial(ProbeKind.LIVENESS).forContainer("c1", ProbeKind.LIVENESS).observe(FAILURE, spec);
    assertThat(s.observe(UNKNOWN, spec)).isEqualTo(s);
    assertThat(s.observe(UNKNOWN, spec).observe(FAILURE, spec).result()).isEqualTo(FAILURE);
  }

  @Test
  void startupFailureHoldsAndSuccessCounts() {
    ProbeSpec spec = spec(ProbeKind.STARTUP, 1, 2);
    ProbeState s = ProbeState.initial(ProbeKind.STARTUP).forContainer("c1", ProbeKind.STARTUP);
    assertThat(s.observe(SUCCESS, spec).result()).isEqualTo(SUCCESS);
    ProbeState failed = s.observe(FAILURE, spec).observe(FAILURE, spec);
    assertThat(failed.result()).isEqualTo(FAILURE);
    assertThat(failed.onHold()).isTrue();
  }

  @Test
  void notRunningContainerIsFailureButOnlyOnceItExisted() {
    ProbeState fresh = ProbeState.initial(ProbeKind.LIVENESS);
    assertThat(fresh.notRunning()).isSameAs(fresh);
    assertThat(fresh.forContainer("c1", ProbeKind.LIVENESS).notRunning().result()).isEqualTo(FAILURE);
  }
}
