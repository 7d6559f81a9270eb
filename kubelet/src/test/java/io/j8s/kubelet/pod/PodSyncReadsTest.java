package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.cri.v1.Container;
import io.j8s.kubelet.cri.v1.ContainerConfig;
import io.j8s.kubelet.cri.v1.ContainerFilter;
import io.j8s.kubelet.cri.v1.ContainerStatus;
import io.j8s.kubelet.cri.v1.PodSandbox;
import io.j8s.kubelet.cri.v1.PodSandboxConfig;
import io.j8s.kubelet.cri.v1.PodSandboxFilter;
import io.j8s.kubelet.cri.v1.PodSandboxStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRI calls of a pod start and of later syncs when the relist's listing stands in for the pod's own listings. */
class PodSyncReadsTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeRuntime fake = new FakeRuntime(clock);
  final Map<String, Integer> calls = new TreeMap<>();
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final AtomicReference<RuntimeListing> listing = new AtomicReference<>();

  PodSync sync(Path dir, boolean withListing) {
    fake.images.add("j8s.local/busybox:1");
    PodManagerConfig cfg = PodManagerConfig.defaults("n1", "192.168.1.5", dir, CgroupDriver.CGROUPFS)
        .withResync(Duration.ofSeconds(10), clock);
    return withListing ? new PodSync(counting(), cfg, Dns.HostResolv.EMPTY, null, listing::get, nanos::get)
        : new PodSync(counting(), cfg, Dns.HostResolv.EMPTY, null);
  }

  void relist() {
    listing.set(RuntimeListing.of(nanos.get(), fake.listPodSandbox(PodSandboxFilter.getDefaultInstance()),
        fake.listContainers(ContainerFilter.getDefaultInstance())));
  }

  @Test
  void aPodStartReadsBackOnlyWhatItCreatedAndUsesAFreshListingForItsFirstRead(@TempDir Path dir) {
    PodSync s = sync(dir, true);
    relist();
    nanos.addAndGet(1_000_000);
    Pod pod = TestPods.pod("Always", List.of(), "app");
    PodSync.Result r = s.sync(TestPods.UID, pod);
    assertThat(r.status().getPhase()).isEqualTo("Running");
    assertThat(r.status().getPodIP()).isNotEmpty();
    assertThat(calls).isEqualTo(Map.of("runPodSandbox", 1, "podSandboxStatus", 1, "imagePresent", 1, "createContainer", 1,
        "startContainer", 1, "containerStatus", 1));

    // the relist that follows shows what the worker read back: nothing to sync for it
    nanos.addAndGet(1_000_000);
    relist();
    assertThat(s.seen(TestPods.UID)).isEqualTo(listing.get().states(TestPods.UID));

    // a resync from that listing: no listing calls, only the objects' statuses, the same status
    calls.clear();
    nanos.addAndGet(1_000_000);
    Pod running = new PodBuilder(pod).withStatus(r.status()).build();
    PodSync.Result again = s.sync(TestPods.UID, running);
    assertThat(calls).isEqualTo(Map.of("podSandboxStatus", 1, "containerStatus", 1));
    assertThat(again.status()).isEqualTo(r.status());
  }

  @Test
  void aListingThatStartedBeforeTheWorkersLastChangeOrIsTooOldIsNotUsed(@TempDir Path dir) {
    PodSync s = sync(dir, true);
    relist(); // taken before the start below
    Pod pod = TestPods.pod("Always", List.of(), "app");
    nanos.addAndGet(1_000_000);
    PodSync.Result r = s.sync(TestPods.UID, pod);
    calls.clear();
    nanos.addAndGet(1_000_000);
    Pod running = new PodBuilder(pod).withStatus(r.status()).build();
    assertThat(s.sync(TestPods.UID, running).status().getPhase()).isEqualTo("Running");
    assertThat(calls).as("the listing lacks the sandbox and container the worker made: listed anew")
        .containsEntry("listPodSandbox", 1).containsEntry("listContainers", 1).doesNotContainKey("runPodSandbox");

    relist();
    nanos.addAndGet(RuntimeListing.MAX_AGE_NANOS + 1);
    calls.clear();
    s.sync(TestPods.UID, running);
    assertThat(calls).as("too old").containsEntry("listPodSandbox", 1).containsEntry("listContainers", 1);
  }

  @Test
  void withoutAListingEveryReadLists(@TempDir Path dir) {
    PodSync s = sync(dir, false);
    Pod pod = TestPods.pod("Always", List.of(), "app");
    assertThat(s.sync(TestPods.UID, pod).status().getPhase()).isEqualTo("Running");
    assertThat(calls).containsEntry("listPodSandbox", 1).containsEntry("listContainers", 1).containsEntry("containerStatus", 1);
  }

  PodRuntime counting() {
    return new PodRuntime() {
      <T> T count(String m, T v) {
        calls.merge(m, 1, Integer::sum);
        return v;
      }

      void count(String m) { calls.merge(m, 1, Integer::sum); }

      @Override public List<PodSandbox> listPodSandbox(PodSandboxFilter f) { return count("listPodSandbox", fake.listPodSandbox(f)); }
      @Override public PodSandboxStatus podSandboxStatus(String id) { return count("podSandboxStatus", fake.podSandboxStatus(id)); }
      @Override public String runPodSandbox(PodSandboxConfig c) { return count("runPodSandbox", fake.runPodSandbox(c)); }
      @Override public void stopPodSandbox(String id) { count("stopPodSandbox"); fake.stopPodSandbox(id); }
      @Override public void removePodSandbox(String id) { count("removePodSandbox"); fake.removePodSandbox(id); }
      @Override public List<Container> listContainers(ContainerFilter f) { return count("listContainers", fake.listContainers(f)); }
      @Override public ContainerStatus containerStatus(String id) { return count("containerStatus", fake.containerStatus(id)); }
      @Override public String createContainer(String s, ContainerConfig c, PodSandboxConfig sc) {
        return count("createContainer", fake.createContainer(s, c, sc));
      }
      @Override public void startContainer(String id) { count("startContainer"); fake.startContainer(id); }
      @Override public void stopContainer(String id, Duration grace) { count("stopContainer"); fake.stopContainer(id, grace); }
      @Override public void removeContainer(String id) { count("removeContainer"); fake.removeContainer(id); }
      @Override public boolean imagePresent(String image) { return count("imagePresent", fake.imagePresent(image)); }
      @Override public String pullImage(String image) { return count("pullImage", fake.pullImage(image)); }
    };
  }
}
