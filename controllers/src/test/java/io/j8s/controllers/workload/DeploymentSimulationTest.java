package io.j8s.controllers.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded simulations of a Deployment under a user who changes images (some never become ready),
 * scales, pauses, resumes, restarts and rolls back at random steps, with the ReplicaSet and
 * Deployment planners as the only controllers. Checked at every step: the surge and
 * availability bounds of a rolling update, revisions that only grow, undo restoring the previous
 * template; at the end, the rollout converges to exactly the desired updated, available pods.
 */
class DeploymentSimulationTest {
  static final int STEPS = 2500;

  record Stats(int rollouts, int undos, int timeouts, int scalings) {}

  @ParameterizedTest(name = "seed {0} {1} surge {3} unavailable {4}")
  @CsvSource({
      "1, RollingUpdate, 5, 25%, 25%",
      "2, RollingUpdate, 10, 1, 0",
      "3, RollingUpdate, 4, 0, 1",
      "4, RollingUpdate, 7, 50%, 30%",
      "5, RollingUpdate, 3, 100%, 0%",
      "6, RollingUpdate, 8, 2, 3",
      "7, Recreate, 4, 0, 0",
      "8, Recreate, 6, 0, 0",
  })
  void randomUserConverges(long seed, String strategy, int replicas, String surge, String unavailable) {
    Stats s = run(seed, strategy, replicas, surge, unavailable);
    assertThat(s.rollouts()).isGreaterThan(5);
  }

  /** Across seeds, the interesting paths are actually taken: undo, deadline exceeded, proportional scaling. */
  @Test
  void theSimulationReachesEveryPath() {
    int undos = 0, timeouts = 0, scalings = 0;
    for (long seed = 10; seed < 13; seed++) {
      Stats s = run(seed, "RollingUpdate", 6, "25%", "25%");
      undos += s.undos();
      timeouts += s.timeouts();
      scalings += s.scalings();
    }
    assertThat(undos).isPositive();
    assertThat(timeouts).isPositive();
    assertThat(scalings).isPositive();
  }

  static Stats run(long seed, String strategy, int replicas, String surge, String unavailable) {
    SimWorld w = new SimWorld(seed, strategy, replicas, surge, unavailable, 60);
    boolean rolling = strategy.equals("RollingUpdate");
    Map<String, Long> rsRevisions = new HashMap<>();
    long deploymentRevision = 0;
    int rollouts = 0, undos = 0, timeouts = 0, scalings = 0;
    String undoneTo = null;
    java.util.ArrayDeque<String> trail = new java.util.ArrayDeque<>();
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + " step " + step + ": ";
      w.advance(Duration.ofMillis(200 + w.rnd.nextInt(3000)));
      boolean scaled = false;
      undoneTo = null;
      int r = w.rnd.nextInt(100);
      if (r < 3) {
        String image = "img:v" + step;
        if (w.rnd.nextInt(4) == 0) w.badImages.add(image);
        w.setImage(image);
        rollouts++;
      } else if (r < 5) {
        w.d.getSpec().setReplicas(w.rnd.nextInt(11));
        w.specChanged();
        scaled = true;
      } else if (r < 6) {
        w.d.getSpec().setPaused(!Boolean.TRUE.equals(w.d.getSpec().getPaused()));
        w.specChanged();
      } else if (r < 8) {
        if (w.undo()) {
          undos++;
          undoneTo = w.image();
        }
      } else if (r < 9) {
        w.d.getSpec().getTemplate().getMetadata().setAnnotations(new java.util.LinkedHashMap<>(Map.of("restartedAt", "t" + step)));
        w.specChanged();
        rollouts++;
      }
      int availableBefore = w.available();
      boolean trace = System.getenv("SIM_TRACE") != null;
      if (trace) trail.addLast("step " + step + " user " + r + " replicas " + w.d.getSpec().getReplicas() + " paused " + w.d.getSpec().getPaused());
      // two passes: the second sees the statuses the first one's writes produced (and finishes a
      // proportional scale-down whose rounding leftover could not all be taken, as upstream)
      w.syncReplicaSets();
      w.syncDeployment();
      w.syncReplicaSets();
      w.syncDeployment();
      int sumSpecs = w.owned().stream().mapToInt(DeploymentStatuses::spec).sum();
      w.syncReplicaSets();

      if (trace) trail.addLast("  events " + w.events + "\n  rss " + w.owned().stream().map(rs -> rs.getMetadata().getName() + "=" + DeploymentStatuses.spec(rs)
          + "/" + DeploymentStatuses.available(rs) + " " + rs.getMetadata().getAnnotations()).toList());
      while (trail.size() > 12) trail.removeFirst();
      if (trace) where = where + "\n" + String.join("\n", trail) + "\n";
      int want = Fenceposts.replicas(w.d);
      if (rolling) {
        int maxSurge = Fenceposts.maxSurge(w.d);
        int maxUnavailable = Fenceposts.maxUnavailable(w.d);
        assertThat(sumSpecs).as(where + "ReplicaSet sizes within surge").isLessThanOrEqualTo(want + maxSurge);
        assertThat(w.activePods()).as(where + "pods within surge").isLessThanOrEqualTo(want + maxSurge);
        int availableAfter = w.available();
        if (!scaled && availableAfter < availableBefore) {
          assertThat(availableAfter).as(where + "the controllers took availability below replicas - maxUnavailable")
              .isGreaterThanOrEqualTo(want - maxUnavailable);
        }
      } else {
        long oldPods = w.owned().stream().filter(rs -> !TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), w.d.getSpec().getTemplate()))
            .mapToLong(rs -> w.podsOf(rs).size()).sum();
        long newPods = w.owned().stream().filter(rs -> TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), w.d.getSpec().getTemplate()))
            .mapToLong(rs -> w.podsOf(rs).size()).sum();
        assertThat(oldPods > 0 && newPods > 0).as(where + "Recreate never runs old and new pods together").isFalse();
      }
      // revisions only grow
      long rev = Long.parseLong(w.d.getMetadata().getAnnotations().getOrDefault(Revisions.REVISION, "0"));
      assertThat(rev).as(where + "deployment revision").isGreaterThanOrEqualTo(deploymentRevision);
      deploymentRevision = rev;
      for (ReplicaSet rs : w.owned()) {
        long v = Revisions.of(rs);
        assertThat(v).as(where + "revision of " + rs.getMetadata().getName()).isGreaterThanOrEqualTo(rsRevisions.getOrDefault(rs.getMetadata().getName(), 0L));
        rsRevisions.put(rs.getMetadata().getName(), v);
      }
      if (undoneTo != null) {
        ReplicaSet newest = w.owned().stream().max(java.util.Comparator.comparingLong(Revisions::of)).orElseThrow();
        assertThat(newest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).as(where + "undo").isEqualTo(undoneTo);
        assertThat(Revisions.of(newest)).as(where + "undo gives a new revision").isEqualTo(rev);
      }
      var progressing = Conditions.get(w.d.getStatus(), Conditions.PROGRESSING);
      if (progressing != null && Conditions.TIMED_OUT.equals(progressing.getReason())) timeouts++;
      if (w.events.stream().anyMatch(e -> e.startsWith("ScalingReplicaSet"))) scalings++;
      w.events.clear();
    }
    converge(w, seed);
    return new Stats(rollouts, undos, timeouts, scalings);
  }

  /** The user stops, resumes and sets a good image: the rollout must finish with exactly the desired pods. */
  static void converge(SimWorld w, long seed) {
    w.createFailure = 0;
    w.crashes = false;
    w.d.getSpec().setPaused(false);
    if (w.d.getSpec().getReplicas() == 0) w.d.getSpec().setReplicas(3);
    w.setImage("img:final");
    int want = Fenceposts.replicas(w.d);
    for (int i = 0; i < 400; i++) {
      w.advance(Duration.ofSeconds(1));
      w.syncReplicaSets();
      w.syncDeployment();
    }
    var s = w.d.getStatus();
    String where = "seed " + seed + " after converging: ";
    assertThat(s.getUpdatedReplicas()).as(where + "updated").isEqualTo(want);
    assertThat(s.getAvailableReplicas()).as(where + "available").isEqualTo(want);
    assertThat(s.getReplicas()).as(where + "replicas").isEqualTo(want);
    assertThat(s.getObservedGeneration()).as(where + "observed").isEqualTo(w.d.getMetadata().getGeneration());
    assertThat(Conditions.get(s, Conditions.PROGRESSING).getReason()).as(where).isEqualTo(Conditions.NEW_RS_AVAILABLE);
    assertThat(Conditions.get(s, Conditions.AVAILABLE).getStatus()).as(where).isEqualTo("True");
    List<String> images = new ArrayList<>();
    for (ReplicaSet rs : w.owned()) for (var p : w.podsOf(rs)) images.add(p.getSpec().getContainers().get(0).getImage());
    assertThat(images).as(where + "pods").hasSize(want).containsOnly("img:final");
    assertThat(w.owned().size()).as(where + "history limit").isLessThanOrEqualTo(w.d.getSpec().getRevisionHistoryLimit() + 1);
  }
}
