package io.j8s.base.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.base.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final ManualClock clock = new ManualClock();
  private final WorkQueue<String> q = new WorkQueue<>(clock, Backoff.CONTROLLER);

  @Test void deduplicatesQueuedKeysInFifoOrder() {
    q.add("a");
    q.add("b");
    q.add("a");
    assertThat(q.depth()).isEqualTo(2);
    assertThat(q.poll()).contains("a");
    assertThat(q.poll()).contains("b");
    assertThat(q.poll()).isEmpty();
  }

  @Test void keyAddedWhileProcessingIsRequeuedOnlyWhenDone() {
    q.add("a");
    assertThat(q.poll()).contains("a");
    q.add("a");
    assertThat(q.poll()).as("never handed out twice at once").isEmpty();
    q.done("a");
    assertThat(q.poll()).contains("a");
    q.done("a");
    assertThat(q.poll()).isEmpty();
  }

  @Test void delayedKeysBecomeReadyWhenDueAndEarlierDueWins() {
    q.addAfter("a", Duration.ofSeconds(10));
    q.addAfter("a", Duration.ofSeconds(2));
    assertThat(q.poll()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(q.poll()).contains("a");
    q.done("a");
    clock.advance(Duration.ofSeconds(10));
    assertThat(q.poll()).as("the superseded later entry does not fire again").isEmpty();
  }

  @Test void rateLimitedBackoffDoublesUntilForgotten() {
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      long before = clock.nanoTime();
      q.addRateLimited("a");
      waits.add(q.nextDue().orElseThrow() - before);
      clock.advance(Duration.ofSeconds(1));
      assertThat(q.poll()).contains("a");
      q.done("a");
    }
    assertThat(waits).containsExactly(5_000_000L, 10_000_000L, 20_000_000L, 40_000_000L);
    q.forget("a");
    assertThat(q.failures("a")).isZero();
    long before = clock.nanoTime();
    q.addRateLimited("a");
    assertThat(q.nextDue().orElseThrow() - before).isEqualTo(5_000_000L);
  }

  @Test void backoffIsCapped() {
    assertThat(Backoff.CONTROLLER.delay(100)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(Backoff.CONTROLLER.delay(30)).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test void dueKeyBeingProcessedIsRequeuedAfterDone() {
    q.add("a");
    assertThat(q.poll()).contains("a");
    q.addAfter("a", Duration.ofMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(q.poll()).isEmpty();
    q.done("a");
    assertThat(q.poll()).contains("a");
  }

  @Test void seededRandomOperationsNeverHandOutAKeyTwiceAndNeverLoseOne() {
    Random r = new Random(42);
    List<String> held = new ArrayList<>();
    java.util.Set<String> owed = new java.util.HashSet<>(); // added and not yet handed out after the add
    for (int step = 0; step < 20_000; step++) {
      String k = "k" + r.nextInt(8);
      switch (r.nextInt(5)) {
        case 0 -> { q.add(k); owed.add(k); }
        case 1 -> { q.addAfter(k, Duration.ofMillis(r.nextInt(50))); owed.add(k); }
        case 2 -> clock.advance(Duration.ofMillis(r.nextInt(20)));
        case 3 -> q.poll().ifPresent(x -> {
          assertThat(held).as("step %d", 0).doesNotContain(x);
          held.add(x);
          owed.remove(x);
        });
        default -> { if (!held.isEmpty()) q.done(held.remove(r.nextInt(held.size()))); }
      }
    }
    held.forEach(q::done);
    clock.advance(Duration.ofSeconds(1));
    java.util.Set<String> drained = new java.util.HashSet<>();
    for (Optional<String> x = q.poll(); x.isPresent(); x = q.poll()) {
      drained.add(x.get());
      q.done(x.get());
    }
    assertThat(drained).containsAll(owed);
  }

  @Test void takeBlocksUntilAddAndReturnsEmptyAfterShutdown() throws Exception {
    WorkQueue<String> real = new WorkQueue<>(io.j8s.base.time.Clock.system(), Backoff.CONTROLLER);
    var got = new ConcurrentHashMap<String, Boolean>();
    AtomicInteger ends = new AtomicInteger();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        for (Optional<String> k = real.take(); k.isPresent(); k = real.take()) {
          got.put(k.get(), true);
          real.done(k.get());
        }
        ends.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    real.addAfter("late", Duration.ofMillis(50));
    real.add("now");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (got.size() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
    real.shutDown();
    t.join(5000);
    assertThat(got).containsKeys("now", "late");
    assertThat(ends.get()).isEqualTo(1);
  }
}
