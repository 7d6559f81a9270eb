package io.j8s.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.j8s.base.time.ManualClock;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.cri.v1.ContainerState;
import io.j8s.kubelet.pod.FakeRuntime.Ct;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded simulation of the pod worker against {@link FakeRuntime}: pods come and go (graceful and
 * forced deletions), containers exit at random (success, failure, OOM), sandboxes die; pods are
 * synced on events, on their requeue time and every 10 s. Checked at every container start and
 * every sync: never two running instances of a container; restartPolicy; crash-loop back-off;
 * init containers strictly in order before app containers; terminal phases stay terminal; deleted
 * pods leave nothing behind. After the chaos stops, every pod settles. A second run of each seed
 * notices runtime changes through a relist instead (every step, as the pod manager's), whose
 * listing the workers read from when it is fresh for them and which skips pods whose worker
 * already read what it shows.
 */
class PodSimulationTest {
  @TempDir Path dir;

  /** The back-off model an observer keeps per container: upstream's rule, written from the outside. */
  static final class Model {
    Duration backoff;
    Instant lastUpdate;
    int starts;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void invariantsHold(long seed) {
    new Run(seed, dir, false).go();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void invariantsHoldWithTheRelistsListing(long seed) {
    new Run(seed, dir, true).go();
  }

  static final class Run {
    final Random rng;
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeRuntime rt = new FakeRuntime(clock);
    final PodSync sync;
    final Map<String, Pod> api = new TreeMap<>();
    final Map<String, Instant> due = new HashMap<>();
    final Map<String, Model> models = new HashMap<>();
    final Map<String, Integer> starts = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    int podSeq;
    final boolean relist;
    final Relist pleg = new Relist();
    final java.util.concurrent.atomic.AtomicReference<RuntimeListing> listing = new java.util.concurrent.atomic.AtomicReference<>();

    Run(long seed, Path dir, boolean relist) {
      rng = new Random(seed);
      this.relist = relist;
      PodManagerConfig cfg = PodManagerConfig.defaults("n1", "192.168.1.5", dir, CgroupDriver.CGROUPFS)
          .withResync(Duration.ofSeconds(10), clock);
      sync = relist ? new PodSync(rt, cfg, Dns.HostResolv.EMPTY, null, listing::get, this::nanos)
          : new PodSync(rt, cfg, Dns.HostResolv.EMPTY, null);
      rt.images.add("j8s.local/busybox:1");
      rt.onStart = this::checkStart;
    }

    void go() {
      for (int i = 0; i < 3; i++) addPod();
      for (int step = 0; step < 2000; step++) {
        clock.advance(Duration.ofMillis(500 + rng.nextInt(2500)));
        chaos();
        relist();
        syncDue();
        assertThat(violations).as("seed violations at step %d", step).isEmpty();
      }
      // calm: no more exits; within back-off max + resync everything settles
      for (int i = 0; i < 400; i++) {
        clock.advance(Duration.ofSeconds(1));
        for (Ct c : rt.running()) { // init containers are scripts: they finish
          if ("true".equals(c.config.getLabelsMap().get(Labels.INIT_CONTAINER))) {
            rt.exit(c, 0, "Completed");
            noticed(c.uid());
          }
        }
        relist();
        syncDue();
      }
      assertThat(violations).isEmpty();
      for (Pod p : api.values()) settled(p);
      TreeSet<String> left = new TreeSet<>(sync.reader().podUids());
      left.removeAll(api.keySet());
      assertThat(left).as("runtime objects of deleted pods").isEmpty();
    }

    void addPod() {
      String[] policies = {"Always", "OnFailure", "Never"};
      String policy = policies[rng.nextInt(3)];
      int inits = rng.nextInt(3), apps = 1 + rng.nextInt(3);
      String name = "p" + (podSeq++);
      PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("sim").withUid("uid-" + name).withResourceVersion("1")
          .endMetadata().withNewSpec().withNodeName("n1").withRestartPolicy(policy).endSpec();
      for (int i = 0; i < inits; i++) b.editSpec().addNewInitContainer().withName("init" + i).withImage("j8s.local/busybox:1").endInitContainer().endSpec();
      for (int i = 0; i < apps; i++) b.editSpec().addNewContainer().withName("app" + i).withImage("j8s.local/busybox:1").endContainer().endSpec();
      Pod p = b.build();
      api.put(p.getMetadata().getUid(), p);
      due.put(p.getMetadata().getUid(), clock.now());
    }

    void chaos() {
      List<Ct> running = rt.running();
      if (!running.isEmpty() && rng.nextInt(100) < 25) {
        Ct c = running.get(rng.nextInt(running.size()));
        boolean init = "true".equals(c.config.getLabelsMap().get(Labels.INIT_CONTAINER));
        int r = rng.nextInt(100);
        if (init ? r < 80 : r < 35) rt.exit(c, 0, "Completed");
        else if (r < 90) rt.exit(c, 1, "Error");
        else rt.exit(c, 137, "OOMKilled");
        noticed(c.uid());
      }
      if (rng.nextInt(100) < 1) {
        var ready = rt.sandboxes.values().stream().filter(s -> s.ready).toList();
        if (!ready.isEmpty()) {
          var s = ready.get(rng.nextInt(ready.size()));
          rt.stopPodSandbox(s.id);
          noticed(s.config.getMetadata().getUid());
        }
      }
      if (!api.isEmpty() && rng.nextInt(200) < 2) {
        Pod p = new ArrayList<>(api.values()).get(rng.nextInt(api.size()));
        if (p.getMetadata().getDeletionTimestamp() == null) {
          api.put(p.getMetadata().getUid(), new PodBuilder(p).editMetadata().withDeletionTimestamp(clock.now().toString())
              .withDeletionGracePeriodSeconds((long) rng.nextInt(30)).endMetadata().build());
          due.put(p.getMetadata().getUid(), clock.now());
        }
      }
      if (!api.isEmpty() && rng.nextInt(400) < 1) { // force deletion: the object is gone at once
        String uid = new ArrayList<>(api.keySet()).get(rng.nextInt(api.size()));
        api.remove(uid);
        due.put(uid, clock.now());
      }
      if (api.size() < 6 && rng.nextInt(100) < 2) addPod();
    }

    long nanos() {
      Instant t = clock.now();
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** A runtime change: synced now, unless a relist is to notice it. */
    void noticed(String uid) {
      if (!relist) due.put(uid, clock.now());
    }

    /** The relist: a listing of the runtime now; the pods it reports are synced now. */
    void relist() {
      if (!relist) return;
      RuntimeListing l = RuntimeListing.of(nanos(), rt.listPodSandbox(io.j8s.kubelet.cri.v1.PodSandboxFilter.getDefaultInstance()),
          rt.listContainers(io.j8s.kubelet.cri.v1.ContainerFilter.getDefaultInstance()));
      listing.set(l);
      for (String uid : pleg.changed(l, sync::seen)) due.put(uid, clock.now());
    }

    void syncDue() {
      TreeSet<String> uids = new TreeSet<>(api.keySet());
      uids.addAll(sync.reader().podUids());
      uids.addAll(due.keySet());
      for (String uid : uids) {
        Instant d = due.getOrDefault(uid, Instant.MIN);
        if (d.isAfter(clock.now())) continue;
        Pod pod = api.get(uid);
        PodSync.Result r = sync.sync(uid, pod);
        Duration next = Duration.ofSeconds(10);
        if (r.requeueAfter() != null && r.requeueAfter().compareTo(next) < 0) next = r.requeueAfter();
        due.put(uid, clock.now().plus(next));
        if (pod == null) {
          if (sync.reader().read(uid).isEmpty()) due.remove(uid);
          continue;
        }
        checkStatus(pod, r);
        if (r.readyToDelete()) {
          api.remove(uid);
          if (!sync.reader().read(uid).isEmpty()) violations.add(uid + ": deleted with runtime objects left");
        } else {
          api.put(uid, new PodBuilder(pod).withStatus(r.status()).build());
        }
      }
    }

    void checkStatus(Pod before, PodSync.Result r) {
      String old = before.getStatus() == null ? null : before.getStatus().getPhase();
      if (Phase.terminal(old) && !old.equals(r.status().getPhase())) {
        violations.add(before.getMetadata().getName() + ": phase went from " + old + " to " + r.status().getPhase());
      }
      for (ContainerStatus cs : r.status().getContainerStatuses()) {
        if (cs.getState().getRunning() == null) continue;
        String id = cs.getContainerID().substring(ContainerStatuses.CONTAINER_ID_PREFIX.length());
        Ct c = rt.containers.get(id);
        if (c == null || c.state != ContainerState.CONTAINER_RUNNING) violations.add(cs.getName() + ": status says running, runtime does not");
      }
    }

    /** Invariants at the moment a container starts. */
    void checkStart(Ct c) {
      String uid = c.uid(), name = c.name(), key = uid + "/" + name;
      Pod pod = api.get(uid);
      if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) violations.add(key + ": started for a deleted pod");
      if (pod == null) return;
      for (Ct o : rt.containers.values()) {
        if (o != c && o.uid().equals(uid) && o.name().equals(name) && o.state == ContainerState.CONTAINER_RUNNING) {
          violations.add(key + ": two running instances");
        }
      }
      String policy = ActionPlanner.restartPolicy(pod);
      boolean init = ActionPlanner.inits(pod).stream().anyMatch(x -> x.getName().equals(name));
      Ct prev = rt.containers.values().stream().filter(o -> o != c && o.uid().equals(uid) && o.name().equals(name))
          .max(java.util.Comparator.comparingLong(o -> o.createdAt)).orElse(null);
      int n = starts.merge(key, 1, Integer::sum);
      if (!init) {
        if (policy.equals("Never") && n > 1) violations.add(key + ": restarted under restartPolicy Never");
        if (prev != null && prev.exitCode == 0 && prev.state == ContainerState.CONTAINER_EXITED && !policy.equals("Always")) {
          violations.add(key + ": restarted after success under " + policy);
        }
        for (Container ic : ActionPlanner.inits(pod)) {
          Ct last = latest(uid, ic.getName());
          if (last == null || last.state != ContainerState.CONTAINER_EXITED || last.exitCode != 0) {
            violations.add(key + ": app container started before init container " + ic.getName() + " succeeded");
          }
        }
      } else {
        for (Container ic : ActionPlanner.inits(pod)) {
          if (ic.getName().equals(name)) break;
          Ct last = latest(uid, ic.getName());
          if (last == null || last.state != ContainerState.CONTAINER_EXITED || last.exitCode != 0 || !last.sandboxId.equals(c.sandboxId)) {
            violations.add(key + ": init container started before " + ic.getName() + " succeeded in its sandbox");
          }
        }
        for (Container ac : pod.getSpec().getContainers()) {
          Ct last = latest(uid, ac.getName());
          if (last != null && last.state == ContainerState.CONTAINER_RUNNING) violations.add(key + ": init container started while app runs");
        }
        if (prev != null && prev.sandboxId.equals(c.sandboxId) && prev.exitCode == 0) violations.add(key + ": init container ran twice");
        if (prev == null) return; // purged with its old sandbox: a fresh start, no back-off
      }
      Model m = models.computeIfAbsent(key, k -> new Model());
      m.starts++;
      if (prev == null || prev.finishedAt == null) return;
      Instant exit = prev.finishedAt;
      if (m.backoff == null || Duration.between(m.lastUpdate, exit).compareTo(Duration.ofMinutes(10)) > 0) {
        m.backoff = Duration.ofSeconds(10);
      } else {
        Duration waited = Duration.between(exit, clock.now());
        if (waited.compareTo(m.backoff) < 0) violations.add(key + ": restarted " + waited + " after exit, back-off was " + m.backoff);
        m.backoff = m.backoff.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : m.backoff.multipliedBy(2);
      }
      m.lastUpdate = clock.now();
    }

    Ct latest(String uid, String name) {
      return rt.containers.values().stream().filter(o -> o.uid().equals(uid) && o.name().equals(name))
          .max(java.util.Comparator.comparingLong(o -> o.createdAt)).orElse(null);
    }

    /** After the calm period: Always pods run all their containers; others run or have finished. */
    void settled(Pod p) {
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      String policy = ActionPlanner.restartPolicy(p);
      boolean allRunning = p.getSpec().getContainers().stream().allMatch(c -> {
        Ct last = latest(p.getMetadata().getUid(), c.getName());
        return last != null && last.state == ContainerState.CONTAINER_RUNNING;
      });
      if (p.getMetadata().getDeletionTimestamp() != null) {
        assertThat(p.getMetadata().getName()).as("a deleting pod is gone after the calm period").isNull();
      } else if (policy.equals("Always")) {
        assertThat(allRunning).as("%s (Always) runs all containers: %s", p.getMetadata().getName(), p.getStatus()).isTrue();
        assertThat(phase).isEqualTo("Running");
      } else if (!allRunning) {
        assertThat(phase).as("%s (%s) finished or still retrying: %s", p.getMetadata().getName(), policy, p.getStatus()).isIn("Succeeded", "Failed", "Running");
      }
    }
  }
}
