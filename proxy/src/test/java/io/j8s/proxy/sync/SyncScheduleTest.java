package io.j8s.proxy.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {
  static final long S = 1_000_000_000L;
  final SyncSchedule s = new SyncSchedule(new SyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(300)));

  @Test void nothingBeforeTheFirstTrigger() {
    assertThat(s.poll(100 * S)).isEmpty();
    assertThat(s.dueAt()).isEqualTo(Long.MAX_VALUE);
  }

  @Test void firstSyncIsImmediateAndFull() {
    s.trigger();
    assertThat(s.poll(5 * S)).contains(SyncKind.FULL);
    assertThat(s.poll(5 * S)).as("no overlap while running").isEmpty();
    s.finished(5 * S, SyncKind.FULL, true);
  }

  @Test void changesWithinMinSyncPeriodAreBatched() {
    s.trigger();
    s.poll(0);
    s.finished(S / 10, SyncKind.FULL, true);
    s.trigger();
    s.trigger();
    assertThat(s.poll(S / 2)).isEmpty();
    assertThat(s.dueAt()).isEqualTo(S);
    assertThat(s.poll(S)).contains(SyncKind.PARTIAL);
    s.finished(S + 1, SyncKind.PARTIAL, true);
    assertThat(s.poll(2 * S)).as("nothing pending").isEmpty();
  }

  @Test void periodicSyncWithoutChanges() {
    s.trigger();
    s.poll(0);
    s.finished(0, SyncKind.FULL, true);
    assertThat(s.poll(29 * S)).isEmpty();
    assertThat(s.poll(30 * S)).contains(SyncKind.PARTIAL);
  }

  @Test void fullSyncEveryFullPeriod() {
    s.trigger();
    s.poll(0);
    s.finished(0, SyncKind.FULL, true);
    SyncKind last = null;
    for (long t = 30; t <= 300; t += 30) {
      last = s.poll(t * S).orElseThrow();
      s.finished(t * S, last, true);
    }
    assertThat(last).isEqualTo(SyncKind.FULL);
  }

  @Test void failureRetriesFullWithBackoff() {
    s.trigger();
    s.poll(0);
    s.finished(0, SyncKind.FULL, true);
    s.trigger();
    assertThat(s.poll(S)).contains(SyncKind.PARTIAL);
    s.finished(S, SyncKind.PARTIAL, false);
    assertThat(s.poll(2 * S)).contains(SyncKind.FULL);
    s.finished(2 * S, SyncKind.FULL, false);
    assertThat(s.poll(3 * S)).as("backoff doubles").isEmpty();
    assertThat(s.poll(4 * S)).contains(SyncKind.FULL);
    s.finished(4 * S, SyncKind.FULL, false);
    assertThat(s.dueAt()).isEqualTo(8 * S);
    Optional<SyncKind> k = s.poll(8 * S);
    s.finished(8 * S, k.orElseThrow(), true);
    assertThat(s.failures()).isZero();
    s.trigger();
    assertThat(s.dueAt()).isEqualTo(9 * S);
  }

  @Test void requestFull() {
    s.trigger();
    s.poll(0);
    s.finished(0, SyncKind.FULL, true);
    s.requestFull();
    assertThat(s.poll(S)).contains(SyncKind.FULL);
  }

  @Test void settingsMustBeOrdered() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SyncSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
