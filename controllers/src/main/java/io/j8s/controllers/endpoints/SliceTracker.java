package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generation of every slice this controller wrote, per service, so a sync does not plan
 * from an informer cache that has not yet seen its own writes (which would create duplicates):
 * the cache is stale while it misses a written slice, holds an older generation, or still holds
 * a slice deleted here. Thread-safe.
 *
 * <p>The informer runs beside the writes: a slice written here may be deleted by someone else
 * and the informer's delete seen ({@link #gone}) before the write's response is recorded
 * ({@link #wrote}). Recording it then would wait forever for a slice that no longer exists, so
 * the uids seen gone are remembered (the most recent {@link #TOMBSTONES}; a uid never comes back)
 * and a late record of one is ignored.
 */
final class SliceTracker {
  static final int TOMBSTONES = 4096;
  private static final long DELETED = -1;
  private final Map<String, Map<String, Long>> byService = new HashMap<>();
  private final Map<String, Boolean> goneUids = new LinkedHashMap<>(16, 0.75f, false) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) { return size() > TOMBSTONES; }
  };

  synchronized void wrote(String serviceKey, EndpointSlice s) {
    if (goneUids.containsKey(s.getMetadata().getUid())) return;
    long gen = s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration();
    byService.computeIfAbsent(serviceKey, k -> new HashMap<>()).put(s.getMetadata().getUid(), gen);
  }

  synchronized void deleted(String serviceKey, EndpointSlice s) {
    if (goneUids.containsKey(s.getMetadata().getUid())) return;
    byService.computeIfAbsent(serviceKey, k -> new HashMap<>()).put(s.getMetadata().getUid(), DELETED);
  }

  /** A delete seen by the informer: the slice is gone, whoever deleted it. */
  synchronized void gone(String serviceKey, String uid) {
    goneUids.put(uid, Boolean.TRUE);
    Map<String, Long> m = byService.get(serviceKey);
    if (m == null) return;
    m.remove(uid);
    if (m.isEmpty()) byService.remove(serviceKey);
  }

  synchronized void forget(String serviceKey) {
    byService.remove(serviceKey);
  }

  synchronized boolean stale(String serviceKey, List<EndpointSlice> cached) {
    Map<String, Long> m = byService.get(serviceKey);
    if (m == null) return false;
    Map<String, Long> seen = new HashMap<>();
    for (EndpointSlice s : cached) {
      long gen = s.getMetadata().getGeneration() == null ? 0 : s.getMetadata().getGeneration();
      seen.put(s.getMetadata().getUid(), gen);
      Long want = m.get(s.getMetadata().getUid());
      if (want != null && (want == DELETED || want > gen)) return true;
    }
    // written slices the cache lacks; deleted ones it lacks are done and forgotten
    m.entrySet().removeIf(e -> e.getValue() == DELETED && !seen.containsKey(e.getKey()));
    for (var e : m.entrySet()) if (!seen.containsKey(e.getKey())) return true;
    return false;
  }
}
