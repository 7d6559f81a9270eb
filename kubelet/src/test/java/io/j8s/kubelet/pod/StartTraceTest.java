package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartTraceTest {
  final AtomicLong now = new AtomicLong(5_000_000_000L);
  final StartTrace trace = new StartTrace(now::get);

  void advanceMs(long ms) { now.addAndGet(ms * 1_000_000); }

  @Test
  void aTimelineIsEachStepsTimeSinceThePreviousMarkFromTheInformerEventToTheRunningStatus() {
    trace.begin("a");
    advanceMs(3);
    trace.mark("a", "dequeued");
    advanceMs(250);
    trace.mark("a", "run-sandbox");
    advanceMs(40);
    assertThat(trace.finish("a")).contains("total 293 ms: seen@5000000000 dequeued 3, run-sandbox 250, status-written 40");
    assertThat(trace.tracing("a")).as("logged once").isFalse();
    assertThat(trace.finish("a")).isEmpty();
  }

  @Test
  void onlyPodsNotYetRunningAreTracedAndAPodSeenAgainKeepsItsFirstMark() {
    trace.mark("unknown", "read");
    assertThat(trace.tracing("unknown")).isFalse();
    trace.begin("b");
    advanceMs(10);
    trace.begin("b");
    assertThat(trace.finish("b")).contains("total 10 ms: seen@5000000000 status-written 10");
    trace.begin("c");
    trace.drop("c");
    assertThat(trace.finish("c")).isEmpty();
  }

  @Test
  void renderingAnEmptyOrSingleMarkTimeline() {
    assertThat(StartTrace.render(List.of())).isEmpty();
    assertThat(StartTrace.render(List.of(new StartTrace.Mark("seen", 7)))).isEqualTo("total 0 ms: seen@7");
  }

  @Test
  void aPodThatNeverRunsKeepsABoundedTimelineWhoseLastMarkIsTheLatest() {
    trace.begin("stuck");
    for (int i = 0; i < 1000; i++) {
      advanceMs(1);
      trace.mark("stuck", "retry");
    }
    String line = trace.finish("stuck").orElseThrow();
    assertThat(line.split(", ")).hasSize(StartTrace.MAX_MARKS - 1);
    assertThat(line).startsWith("total 1000 ms: seen@5000000000 retry 1").endsWith(", status-written 938");
  }
}
