package io.j8s.kubelet.imagegc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, across rounds, when each image was first seen and last used (upstream's imageRecords):
 * the runtime knows neither. Images that disappear are forgotten.
 */
public final class ImageTracker {
  /** An image as the runtime lists it. */
  public record Seen(String id, List<String> repoTags, long sizeBytes, boolean runtimePinned) {}

  private record Times(Instant firstDetected, Instant lastUsed) {}

  private final Map<String, Times> times = new HashMap<>();

  /**
   * @param inUseIds   the image ids that containers refer to
   * @param pinnedRefs image references that must stay (imported from tarballs)
   */
  public synchronized List<ImageRecord> observe(List<Seen> images, Set<String> inUseIds, Set<String> pinnedRefs, Instant now) {
    Map<String, Times> next = new HashMap<>();
    List<ImageRecord> out = new ArrayList<>();
    for (Seen s : images) {
      Times t = times.getOrDefault(s.id(), new Times(now, now));
      boolean inUse = inUseIds.contains(s.id());
      if (inUse) t = new Times(t.firstDetected(), now);
      next.put(s.id(), t);
      boolean pinned = s.runtimePinned() || s.repoTags().stream().anyMatch(pinnedRefs::contains);
      out.add(new ImageRecord(s.id(), s.sizeBytes(), t.firstDetected(), t.lastUsed(), inUse, pinned));
    }
    times.clear();
    times.putAll(next);
    return out;
  }
}
