package io.j8s.kubelet.prober;

import static io.j8s.kubelet.prober.ProbeResult.FAILURE;
import static io.j8s.kubelet.prober.ProbeResult.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.kubelet.prober.ProbeSchedule.ContainerView;
import io.j8s.kubelet.prober.ProbeSchedule.PodView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
  static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
  static final PodView RUNNING_POD = new PodView(false, false, false);

  static ProbeSpec spec(ProbeKind kind, int delaySeconds) {
    return new ProbeSpec(kind, new ProbeSpec.Exec(List.of("true")), Duration.ofSeconds(delaySeconds), Duration.ofSeconds(10),
        Duration.ofSeconds(1), 1, 3);
  }

  static Optional<ContainerView> running(String id) { return Optional.of(new ContainerView(id, true, T0, false)); }

  static ProbeSchedule.Tick tick(ProbeSpec spec, ProbeState s, PodView pod, Optional<ContainerView> c, boolean startupDone, int atSecond) {
    return ProbeSchedule.tick(spec, s, pod, c, startupDone, T0.plusSeconds(atSecond));
  }

  @Test
  void runsARunningContainerAfterItsInitialDelay() {
    ProbeSpec spec = spec(ProbeKind.READINESS, 5);
    ProbeState s = ProbeState.initial(ProbeKind.READINESS);
    assertThat(tick(spec, s, RUNNING_POD, running("c1"), true, 4)).isInstanceOf(ProbeSchedule.Wait.class);
    var t = tick(spec, s, RUNNING_POD, running("c1"), true, 5);
    assertThat(t).isInstanceOf(ProbeSchedule.Run.class);
    assertThat(t.state().containerId()).isEqualTo("c1");
  }

  @Test
  void finishedPodStopsTheWorker() {
    var t = tick(spec(ProbeKind.LIVENESS, 0), ProbeState.initial(ProbeKind.LIVENESS), new PodView(true, false, false), running("c1"), true, 0);
    assertThat(t).isInstanceOf(ProbeSchedule.Stop.class);
  }

  @Test
  void waitsWhileTheContainerIsUnknownOrNotRunning() {
    ProbeSpec spec = spec(ProbeKind.READINESS, 0);
    ProbeState s = ProbeState.initial(ProbeKind.READINESS).forContainer("c1", ProbeKind.READINESS).observe(SUCCESS, spec);
    assertThat(tick(spec, s, RUNNING_POD, Optional.empty(), true, 0)).isEqualTo(new ProbeSchedule.Wait(s));
    var exited = tick(spec, s, RUNNING_POD, Optional.of(new ContainerView("c1", false, T0, true)), true, 0);
    assertThat(exited).isInstanceOf(ProbeSchedule.Wait.class);
    assertThat(exited.state().result()).isEqualTo(FAILURE); // an exited container is not ready
    var never = tick(spec, s, new PodView(false, false, true), Optional.of(new ContainerView("c1", false, T0, true)), true, 0);
    assertThat(never).isInstanceOf(ProbeSchedule.Stop.class); // it will not come back
  }

  @Test
  void newContainerInstanceResetsAndHoldIsReleased() {
    ProbeSpec spec = spec(ProbeKind.LIVENESS, 0);
    ProbeState held = new ProbeState("c1", FAILURE, FAILURE, 0, true);
    assertThat(tick(spec, held, RUNNING_POD, running("c1"), true, 30)).isEqualTo(new ProbeSchedule.Wait(held));
    var t = tick(spec, held, RUNNING_POD, running("c2"), true, 30);
    assertThat(t).isInstanceOf(ProbeSchedule.Run.class);
    assertThat(t.state()).isEqualTo(ProbeState.initial(ProbeKind.LIVENESS).forContainer("c2", ProbeKind.LIVENESS));
  }

  @Test
  void startupProbeGatesTheOthersAndStopsOnceDone() {
    for (ProbeKind gated : List.of(ProbeKind.LIVENESS, ProbeKind.READINESS)) {
      assertThat(tick(spec(gated, 0), ProbeState.initial(gated), RUNNING_POD, running("c1"), false, 1))
          .isInstanceOf(ProbeSchedule.Wait.class);
      assertThat(tick(spec(gated, 0), ProbeState.initial(gated), RUNNING_POD, running("c1"), true, 1))
          .isInstanceOf(ProbeSchedule.Run.class);
    }
    ProbeSpec startup = spec(ProbeKind.STARTUP, 0);
    assertThat(tick(startup, ProbeState.initial(ProbeKind.STARTUP), RUNNING_POD, running("c1"), false, 1))
        .isInstanceOf(ProbeSchedule.Run.class);
    assertThat(tick(startup, ProbeState.initial(ProbeKind.STARTUP), RUNNING_POD, running("c1"), true, 1))
        .isInstanceOf(ProbeSchedule.Wait.class);
  }

  @Test
  void gracefulDeletionEndsLivenessAndStartupWithSuccessButReadinessGoesOn() {
    PodView terminating = new PodView(false, true, false);
    ProbeState failing = new ProbeState("c1", FAILURE, FAILURE, 2, false);
    var live = tick(spec(ProbeKind.LIVENESS, 0), failing, terminating, running("c1"), true, 0);
    assertThat(live).isInstanceOf(ProbeSchedule.Stop.class);
    assertThat(live.state().result()).isEqualTo(SUCCESS);
    assertThat(tick(spec(ProbeKind.STARTUP, 0), failing, terminating, running("c1"), false, 0)).isInstanceOf(ProbeSchedule.Stop.class);
    assertThat(tick(spec(ProbeKind.READINESS, 0), ProbeState.initial(ProbeKind.READINESS), terminating, running("c1"), true, 0))
        .isInstanceOf(ProbeSchedule.Run.class);
  }
}
