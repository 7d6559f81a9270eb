package io.j8s.kubelet.imagegc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageGcPlannerTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final long GB = 1L << 30;
  static final ImageGcPolicy POLICY = ImageGcPolicy.DEFAULT;

  static ImageRecord image(String id, long size, int lastUsedMinutesAgo) {
    return new ImageRecord(id, size, NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(lastUsedMinutesAgo)), false, false);
  }

  static List<String> ids(ImageGcPlan p) {
    return p instanceof ImageGcPlan.Remove r ? r.images().stream().map(ImageRecord::id).toList() : List.of();
  }

  @Test
  void underTheHighThresholdNothingGoes() {
    ImageGcPlan p = ImageGcPlanner.plan(List.of(image("a", GB, 60)), 100 * GB, 16 * GB, NOW, POLICY); // 84% used
    assertThat(p).isInstanceOf(ImageGcPlan.Keep.class);
    assertThat(((ImageGcPlan.Keep) p).reason()).contains("84% used").contains("85%");
  }

  @Test
  void overItTheLeastRecentlyUsedGoFirstUntilTheLowThreshold() {
    // 90 GB used of 100: 10 GB to free to reach 80%
    List<ImageRecord> images = List.of(image("new", 6 * GB, 1), image("old", 4 * GB, 50), image("mid", 5 * GB, 20),
        image("oldest", 3 * GB, 59));
    ImageGcPlan p = ImageGcPlanner.plan(images, 100 * GB, 10 * GB, NOW, POLICY);
    assertThat(ids(p)).containsExactly("oldest", "old", "mid");
    ImageGcPlan.Remove r = (ImageGcPlan.Remove) p;
    assertThat(r.usagePercent()).isEqualTo(90);
    assertThat(r.bytesToFree()).isEqualTo(10 * GB);
    assertThat(r.bytesFreed()).isEqualTo(12 * GB);
  }

  @Test
  void inUsePinnedAndYoungImagesStay() {
    Instant young = NOW.minus(Duration.ofSeconds(119));
    List<ImageRecord> images = List.of(
        new ImageRecord("used", GB, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(2)), true, false),
        new ImageRecord("pinned", GB, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(2)), false, true),
        new ImageRecord("young", GB, young, young, false, false),
        new ImageRecord("exactly-min-age", GB, NOW.minus(Duration.ofMinutes(2)), NOW.minus(Duration.ofMinutes(2)), false, false));
    ImageGcPlan p = ImageGcPlanner.plan(images, 100 * GB, 0, NOW, POLICY);
    assertThat(ids(p)).containsExactly("exactly-min-age");
    assertThat(ImageGcPlanner.plan(images.subList(0, 3), 100 * GB, 0, NOW, POLICY)).isInstanceOf(ImageGcPlan.Keep.class);
  }

  @Test
  void aFilesystemWithoutCapacityIsLeftAlone() {
    assertThat(ImageGcPlanner.plan(List.of(image("a", GB, 60)), 0, 0, NOW, POLICY)).isInstanceOf(ImageGcPlan.Keep.class);
  }

  @Test
  void policiesAreChecked() {
    assertThatThrownBy(() -> new ImageGcPolicy(80, 85, Duration.ZERO)).hasMessageContaining("low threshold");
    assertThatThrownBy(() -> new ImageGcPolicy(101, 80, Duration.ZERO)).hasMessageContaining("high threshold");
    assertThatThrownBy(() -> new ImageGcPolicy(85, 80, Duration.ofSeconds(-1))).hasMessageContaining("minimum age");
  }

  /** Seeded: whatever the images and usage, the plan never takes a protected image, takes LRU first, stops once enough is freed. */
  @Test
  void randomRoundsKeepTheRules() {
    Random rnd = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      List<ImageRecord> images = new ArrayList<>();
      for (int i = 0, n = rnd.nextInt(12); i < n; i++) {
        Instant first = NOW.minus(Duration.ofSeconds(rnd.nextInt(600)));
        images.add(new ImageRecord("i" + i, 1 + rnd.nextInt(1000), first, first.plusSeconds(rnd.nextInt(60)), rnd.nextInt(4) == 0,
            rnd.nextInt(5) == 0));
      }
      long capacity = 10_000, available = rnd.nextInt(10_001);
      ImageGcPlan p = ImageGcPlanner.plan(images, capacity, available, NOW, POLICY);
      long used = capacity - available;
      if (used * 100 / capacity < 85) {
        assertThat(p).isInstanceOf(ImageGcPlan.Keep.class);
        continue;
      }
      if (!(p instanceof ImageGcPlan.Remove r)) {
        assertThat(images).allMatch(i -> i.inUse() || i.pinned() || i.firstDetected().plus(POLICY.minAge()).isAfter(NOW));
        continue;
      }
      assertThat(r.images()).allMatch(i -> !i.inUse() && !i.pinned() && !i.firstDetected().plus(POLICY.minAge()).isAfter(NOW));
      for (int i = 1; i < r.images().size(); i++) {
        assertThat(r.images().get(i - 1).lastUsed()).isBeforeOrEqualTo(r.images().get(i).lastUsed());
      }
      long beforeLast = r.bytesFreed() - r.images().getLast().sizeBytes();
      assertThat(beforeLast).as("no image more than needed").isLessThan(r.bytesToFree());
      assertThat(r.bytesToFree()).isEqualTo(used - capacity * 80 / 100);
    }
  }
}
