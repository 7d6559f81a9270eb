package io.j8s.proxy.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncRunnerTest {
  @Test void triggersAreBatchedAndFailuresRetriedFull() throws Exception {
    List<SyncKind> runs = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    SyncSettings settings = new SyncSettings(Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofHours(1));
    try (SyncRunner runner = new SyncRunner("test-sync", Clock.system(), settings, kind -> {
      runs.add(kind);
      three.countDown();
      if (runs.size() == 2) throw new IllegalStateException("boom");
    }).start()) {
      runner.trigger();
      for (int i = 0; i < 100 && runs.isEmpty(); i++) Thread.sleep(10);
      for (int i = 0; i < 20; i++) runner.trigger();
      assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(runs.subList(0, 3)).containsExactly(SyncKind.FULL, SyncKind.PARTIAL, SyncKind.FULL);
  }
}
