package io.j8s.kubelet.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.prober.ProbeSchedule.ContainerView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The manager and its workers with a scripted check (real threads, 1 s periods). */
class ProbeManagerTest {
  final ManualClock clock = new ManualClock();
  /** Per "kind:container": what the check answers, and how often it was asked. */
  final Map<String, ProbeResult> answers = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final List<String> changed = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  ProbeManager manager;

  ProbeManager manager() {
    clock.advance(Duration.ofMinutes(1)); // past the agent's start: no start-up jitter
    manager = new ProbeManager((spec, target) -> {
      String key = spec.kind() + ":" + ((ProbeSpec.Exec) spec.action()).command().get(0);
      calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      ProbeResult r = answers.getOrDefault(key, ProbeResult.SUCCESS);
      return r == ProbeResult.FAILURE ? ProbeOutcome.failure("scripted failure of " + key) : new ProbeOutcome(r, "");
    }, clock, new ProbeManager.Listener() {
      @Override public void resultChanged(String podUid) { changed.add(podUid); }

      @Override public void checkFailed(Pod pod, String container, ProbeKind kind, ProbeOutcome outcome) {
        failures.add(container + " " + kind.title() + " probe failed: " + outcome.message());
      }
    });
    return manager;
  }

  @AfterEach
  void close() {
    if (manager != null) manager.close();
  }

  static Probe probe(String tag, int failureThreshold) {
    return new ProbeBuilder().withNewExec().withCommand(tag).endExec().withPeriodSeconds(1).withFailureThreshold(failureThreshold).build();
  }

  static Pod pod(Probe liveness, Probe readiness, Probe startup) {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withUid("uid-1").endMetadata()
        .withNewSpec()
        .addNewContainer().withName("web").withLivenessProbe(liveness).withReadinessProbe(readiness).withStartupProbe(startup).endContainer()
        .addNewContainer().withName("side").endContainer()
        .endSpec().build();
  }

  Map<String, ContainerView> running(String webId) {
    return Map.of("web", new ContainerView(webId, true, clock.now(), false), "side", new ContainerView("s1", true, clock.now(), false));
  }

  @Test
  void readinessProbeMakesTheContainerReadyAndContainersWithoutProbesAreReadyAtOnce() {
    ProbeManager m = manager();
    m.update(pod(null, probe("ready", 3), null), "10.42.0.5", running("c1"));
    // (not asserted false here: the worker's first check may already have passed; see the test above)
    assertThat(m.ready("uid-1", "side", "s1")).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> m.ready("uid-1", "web", "c1"));
    assertThat(changed).contains("uid-1");
    assertThat(m.ready("uid-1", "web", "c-other")).isFalse(); // a result belongs to one container instance
  }

  @Test
  void aContainerWithAReadinessOrStartupProbeIsNotReadyBeforeItsFirstSuccessEvenUnreported() {
    ProbeManager m = manager();
    Pod pod = pod(null, probe("ready", 3), null);
    assertThat(m.ready(pod, "web", "c1")).isFalse(); // the pod worker asks before it first reported the pod
    assertThat(m.ready(pod, "side", "s1")).isTrue();
    assertThat(m.ready(pod(null, null, probe("boot", 3)), "web", "c1")).isFalse();
    m.update(pod, "10.42.0.5", running("c1"));
    await().atMost(Duration.ofSeconds(5)).until(() -> m.ready(pod, "web", "c1"));
    assertThat(m.ready(pod, "web", "c2")).isFalse();
  }

  @Test
  void livenessFailureAfterThresholdAsksForARestartAndANewInstanceStartsClean() {
    answers.put("LIVENESS:live", ProbeResult.FAILURE);
    ProbeManager m = manager();
    m.update(pod(probe("live", 2), null, null), "10.42.0.5", running("c1"));
    await().atMost(Duration.ofSeconds(6)).until(() -> m.killReason("uid-1", "web", "c1").isPresent());
    assertThat(m.killReason("uid-1", "web", "c1")).contains("Container web failed liveness probe, will be restarted");
    assertThat(calls.get("LIVENESS:live").get()).isEqualTo(2); // the second failure in a row tripped it
    assertThat(failures).hasSizeGreaterThanOrEqualTo(2).allMatch(f -> f.startsWith("web Liveness probe failed: scripted failure"));
    // on hold: no more checks of that instance
    int before = calls.get("LIVENESS:live").get();
    sleep(2200);
    assertThat(calls.get("LIVENESS:live").get()).isEqualTo(before);

    answers.put("LIVENESS:live", ProbeResult.SUCCESS);
    m.update(pod(probe("live", 2), null, null), "10.42.0.5", running("c2"));
    assertThat(m.killReason("uid-1", "web", "c2")).isEmpty();
    await().atMost(Duration.ofSeconds(3)).until(() -> calls.get("LIVENESS:live").get() > before);
  }

  @Test
  void startupProbeGatesLivenessAndReadinessUntilItSucceeds() {
    answers.put("STARTUP:boot", ProbeResult.FAILURE);
    ProbeManager m = manager();
    m.update(pod(probe("live", 3), probe("ready", 3), probe("boot", 100)), "10.42.0.5", running("c1"));
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.getOrDefault("STARTUP:boot", new AtomicInteger()).get() >= 2);
    assertThat(m.started("uid-1", "web", "c1")).isFalse();
    assertThat(calls).doesNotContainKeys("LIVENESS:live", "READINESS:ready");
    answers.put("STARTUP:boot", ProbeResult.SUCCESS);
    await().atMost(Duration.ofSeconds(5)).until(() -> m.started("uid-1", "web", "c1") && m.ready("uid-1", "web", "c1"));
    await().atMost(Duration.ofSeconds(3)).until(() -> calls.containsKey("LIVENESS:live"));
    int startupCalls = calls.get("STARTUP:boot").get();
    sleep(1500);
    assertThat(calls.get("STARTUP:boot").get()).isEqualTo(startupCalls); // a started container is not startup-probed again
  }

  @Test
  void removingThePodStopsItsWorkers() {
    ProbeManager m = manager();
    m.update(pod(null, probe("ready", 3), null), "10.42.0.5", running("c1"));
    await().atMost(Duration.ofSeconds(5)).until(() -> m.ready("uid-1", "web", "c1"));
    m.remove("uid-1");
    int n = calls.get("READINESS:ready").get();
    sleep(2200);
    assertThat(calls.get("READINESS:ready").get()).isLessThanOrEqualTo(n + 1); // at most a check already under way
    assertThat(m.ready("uid-1", "web", "c1")).isTrue(); // no probe known any more
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
