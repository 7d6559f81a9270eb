package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A removed pod's volumes are torn down before its directory is deleted (their mounts live in it). */
class PodRemovalTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeRuntime rt = new FakeRuntime(clock);
  /** Per call of podRemoved: whether the pod's directory was still there. */
  final List<Boolean> podDirAtTeardown = new ArrayList<>();

  @Test
  void volumesGoBeforeThePodsFiles(@TempDir Path dir) {
    rt.images.add("j8s.local/busybox:1");
    PodManagerConfig base = PodManagerConfig.defaults("n1", "192.168.1.5", dir, CgroupDriver.CGROUPFS)
        .withResync(Duration.ofSeconds(10), clock);
    ContainerInputs inputs = new ContainerInputs() {
      @Override public Resolved resolve(Pod pod, io.fabric8.kubernetes.api.model.Container c, PodContext context)
          throws ContainerConfigException {
        return ContainerInputs.VALUES_ONLY.resolve(pod, c, context);
      }

      @Override public void podRemoved(String podUid) {
        podDirAtTeardown.add(Files.isDirectory(base.podDir(podUid)));
      }
    };
    PodSync s = new PodSync(rt, base.withInputs(inputs), Dns.HostResolv.EMPTY, null);
    Pod pod = TestPods.pod("Always", List.of(), "app");
    PodSync.Result r = s.sync(TestPods.UID, pod);
    assertThat(base.podDir(TestPods.UID)).as("the pod's state directory (termination message files)").isDirectory();

    Pod deleting = new PodBuilder(pod).editMetadata().withDeletionTimestamp("2026-01-01T00:00:05Z").withDeletionGracePeriodSeconds(0L)
        .endMetadata().withStatus(r.status()).build();
    PodSync.Result gone = s.sync(TestPods.UID, deleting);
    assertThat(gone.readyToDelete()).isTrue();
    s.forget(TestPods.UID);
    assertThat(podDirAtTeardown).as("the volumes torn down while the pod's directory was still there, then again (idempotent)")
        .containsExactly(true, false);
    assertThat(base.podDir(TestPods.UID)).doesNotExist();
  }
}
