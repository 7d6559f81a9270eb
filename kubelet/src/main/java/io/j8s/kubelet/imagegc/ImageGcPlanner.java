package io.j8s.kubelet.imagegc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Upstream's image GC decision as a pure function of the images, the filesystem and the time. */
public final class ImageGcPlanner {
  private ImageGcPlanner() {}

  /**
   * @param capacityBytes  the image filesystem's size
   * @param availableBytes what is free on it (usage = capacity - available, as upstream)
   */
  public static ImageGcPlan plan(Collection<ImageRecord> images, long capacityBytes, long availableBytes, Instant now,
      ImageGcPolicy policy) {
    if (capacityBytes <= 0) return new ImageGcPlan.Keep("the image filesystem reports no capacity");
    long used = Math.max(0, capacityBytes - availableBytes);
    int usagePercent = (int) (used * 100 / capacityBytes);
    if (usagePercent < policy.highThresholdPercent()) {
      return new ImageGcPlan.Keep("image filesystem " + usagePercent + "% used, under the high threshold " + policy.highThresholdPercent() + "%");
    }
    long toFree = used - capacityBytes * policy.lowThresholdPercent() / 100;
    List<ImageRecord> candidates = images.stream()
        .filter(i -> !i.inUse() && !i.pinned() && !i.firstDetected().plus(policy.minAge()).isAfter(now))
        .sorted(Comparator.comparing(ImageRecord::lastUsed).thenComparing(ImageRecord::firstDetected).thenComparing(ImageRecord::id))
        .toList();
    List<ImageRecord> remove = new ArrayList<>();
    long freed = 0;
    for (ImageRecord i : candidates) {
      if (freed >= toFree) break;
      remove.add(i);
      freed += i.sizeBytes();
    }
    if (remove.isEmpty()) return new ImageGcPlan.Keep("image filesystem " + usagePercent + "% used but no image may be removed");
    return new ImageGcPlan.Remove(remove, usagePercent, toFree, freed);
  }
}
