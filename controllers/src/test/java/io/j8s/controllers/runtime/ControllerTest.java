package io.j8s.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControllerTest {

  private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!c.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(5);
  }

  @Test void failuresRetryWithBackoffUntilSuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (Controller c = new Controller("t", 2, Clock.system(), key -> {
      int n = calls.incrementAndGet();
      if (n == 1) throw new IllegalStateException("boom");
      if (n == 2) throw new KubernetesClientException("conflict", 409, null);
      return Reconciler.DONE;
    }).start()) {
      c.enqueue("ns/a");
      waitFor(() -> calls.get() >= 3);
      Thread.sleep(100);
      assertThat(calls.get()).isEqualTo(3);
    }
  }

  @Test void requeueAfterRunsAgainLater() throws Exception {
    List<Long> at = new CopyOnWriteArrayList<>();
    try (Controller c = new Controller("t", 1, Clock.system(), key -> {
      at.add(System.nanoTime());
      return at.size() < 3 ? Reconciler.requeueAfter(Duration.ofMillis(60)) : Reconciler.DONE;
    }).start()) {
      c.enqueue("x");
      waitFor(() -> at.size() >= 3);
      assertThat(at).hasSize(3);
      assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(55).toNanos());
    }
  }

  @Test void oneKeyIsNeverReconciledConcurrently() throws Exception {
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    try (Controller c = new Controller("t", 8, Clock.system(), key -> {
      if (inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) overlaps.incrementAndGet();
      Thread.sleep(2);
      inFlight.get(key).decrementAndGet();
      runs.incrementAndGet();
      return Reconciler.DONE;
    }).start()) {
      for (int i = 0; i < 500; i++) c.enqueue("k" + i % 3);
      waitFor(() -> runs.get() >= 3);
      Thread.sleep(200);
      assertThat(overlaps.get()).isZero();
    }
  }

  @Test void keysSplitIntoNamespaceAndName() {
    assertThat(Keys.of("ns", "a")).isEqualTo("ns/a");
    assertThat(Keys.of(null, "node-1")).isEqualTo("node-1");
    assertThat(Keys.namespace("ns/a")).isEqualTo("ns");
    assertThat(Keys.namespace("node-1")).isNull();
    assertThat(Keys.name("ns/a")).isEqualTo("a");
    assertThat(Keys.name("node-1")).isEqualTo("node-1");
  }
}
