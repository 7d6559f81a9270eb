package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** postStart and preStop hooks and the worker's events, on the runtime model. */
class LifecycleHooksTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeRuntime rt = new FakeRuntime(clock);
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<String> hooks = new ArrayList<>();
  volatile String postStartError;

  PodSync sync(Path dir) {
    rt.images.add("j8s.local/busybox:1");
    LifecycleHooks runner = (pod, c, id, ip, h, timeout) -> {
      String which = h == c.getLifecycle().getPostStart() ? "postStart" : "preStop";
      // the hook runs while the container runs, never after it stopped
      assertThat(rt.running().stream().anyMatch(x -> x.id.equals(id))).as(which + " on a running container").isTrue();
      hooks.add(which + " " + c.getName() + " within " + timeout.toSeconds() + "s");
      return which.equals("postStart") ? Optional.ofNullable(postStartError) : Optional.empty();
    };
    PodManagerConfig cfg = PodManagerConfig.defaults("n1", "192.168.1.5", dir, CgroupDriver.CGROUPFS)
        .withResync(Duration.ofSeconds(10), clock).withHooks(runner)
        .withEvents((pod, field, type, reason, message) -> events.add(type + " " + reason + " " + field + ": " + message));
    return new PodSync(rt, cfg, Dns.HostResolv.EMPTY, null);
  }

  static Pod hooked() {
    Pod p = TestPods.pod("Always", List.of(), "app");
    return new PodBuilder(p).editSpec().withTerminationGracePeriodSeconds(20L).editFirstContainer()
        .withLifecycle(new LifecycleBuilder().withNewPostStart().withNewExec().withCommand("touch", "/ready").endExec().endPostStart()
            .withNewPreStop().withNewExec().withCommand("sleep", "1").endExec().endPreStop().build())
        .endContainer().endSpec().build();
  }

  @Test
  void postStartRunsBeforeTheStatusShowsRunningAndPreStopBeforeTheStop(@TempDir Path dir) {
    PodSync s = sync(dir);
    Pod pod = hooked();
    PodSync.Result r = s.sync(TestPods.UID, pod);
    assertThat(hooks).containsExactly("postStart app within 20s");
    assertThat(r.status().getContainerStatuses().getFirst().getState().getRunning()).isNotNull();
    assertThat(events).contains("Normal Pulled spec.containers{app}: Container image \"j8s.local/busybox:1\" already present on machine",
        "Normal Created spec.containers{app}: Created container app", "Normal Started spec.containers{app}: Started container app");

    Pod deleting = new PodBuilder(pod).editMetadata().withDeletionTimestamp("2026-01-01T00:00:05Z").withDeletionGracePeriodSeconds(20L)
        .endMetadata().withStatus(r.status()).build();
    s.sync(TestPods.UID, deleting);
    assertThat(hooks).containsExactly("postStart app within 20s", "preStop app within 20s");
    assertThat(rt.running()).isEmpty();
    assertThat(events).contains("Normal Killing spec.containers{app}: Stopping container app");
  }

  @Test
  void aFailedPostStartKillsTheContainerWhichRestartsPerPolicy(@TempDir Path dir) {
    PodSync s = sync(dir);
    postStartError = "command 'touch /ready' exited with 1: no";
    PodSync.Result r = s.sync(TestPods.UID, hooked());
    assertThat(rt.running()).isEmpty();
    var st = r.status().getContainerStatuses().getFirst();
    assertThat(st.getState().getRunning()).isNull();
    assertThat(events).anyMatch(e -> e.startsWith("Warning FailedPostStartHook spec.containers{app}: Exec lifecycle hook ([touch, /ready]) "
        + "for Container \"app\" in Pod \"web_ns(" + TestPods.UID + ")\" failed - error: command 'touch /ready' exited with 1: no"));
    assertThat(events).contains("Normal Killing spec.containers{app}: FailedPostStartHook");

    postStartError = null;
    clock.advance(Duration.ofSeconds(11)); // past the first crash-loop back-off
    Pod withStatus = new PodBuilder(hooked()).withStatus(r.status()).build();
    r = s.sync(TestPods.UID, withStatus);
    assertThat(rt.running()).hasSize(1);
    assertThat(r.status().getContainerStatuses().getFirst().getRestartCount()).isEqualTo(1);
  }

  @Test
  void aCrashLoopingContainerReportsBackOff(@TempDir Path dir) {
    PodSync s = sync(dir);
    Pod pod = TestPods.pod("Always", List.of(), "app");
    PodSync.Result r = s.sync(TestPods.UID, pod);
    rt.exit(rt.running().getFirst(), 1, "Error");
    r = s.sync(TestPods.UID, new PodBuilder(pod).withStatus(r.status()).build()); // restarts at once (first restart)
    rt.exit(rt.running().getFirst(), 1, "Error");
    s.sync(TestPods.UID, new PodBuilder(pod).withStatus(r.status()).build());
    assertThat(events).anyMatch(e -> e.equals("Warning BackOff spec.containers{app}: Back-off restarting failed container app in pod web_ns("
        + TestPods.UID + ")"));
  }
}
