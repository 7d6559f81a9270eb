package io.j8s.proxy.nftables;

import io.j8s.proxy.state.ServiceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Elements of a set several Services may put the same key in ({@code hairpin}: two Services with
 * a common endpoint): how many Services hold each key, so a partial sync deletes an element only
 * when the last Service holding it lets it go and adds it only when the first one comes.
 * {@link #change} is pure; {@link #commit} applies a change once its transaction went through.
 */
final class SharedElements {
  static final Set<String> SETS = Set.of(NftablesRenderer.HAIRPIN);
  private final Map<String, Integer> holders = new HashMap<>();

  /** The elements to delete and add (set name to keys) and the per-key count deltas. */
  record Change(SortedMap<String, List<String>> deletes, SortedMap<String, List<String>> adds, Map<String, Integer> deltas) {}

  /** The change taking the {@code changed} Services from {@code before} to {@code after}. */
  Change change(Map<ServiceRef, ServiceObjects> before, Map<ServiceRef, ServiceObjects> after, Set<ServiceRef> changed) {
    Map<String, Integer> deltas = new HashMap<>();
    for (ServiceRef ref : changed) {
      ServiceObjects o = before.getOrDefault(ref, ServiceObjects.NONE);
      ServiceObjects n = after.getOrDefault(ref, ServiceObjects.NONE);
      for (String set : SETS) {
        Map<String, String> was = o.elements().getOrDefault(set, Collections.emptySortedMap());
        Map<String, String> now = n.elements().getOrDefault(set, Collections.emptySortedMap());
        was.keySet().forEach(k -> {
          if (!now.containsKey(k)) deltas.merge(set + "\0" + k, -1, Integer::sum);
        });
        now.keySet().forEach(k -> {
          if (!was.containsKey(k)) deltas.merge(set + "\0" + k, 1, Integer::sum);
        });
      }
    }
    SortedMap<String, List<String>> deletes = new TreeMap<>();
    SortedMap<String, List<String>> adds = new TreeMap<>();
    deltas.forEach((k, d) -> {
      int held = holders.getOrDefault(k, 0);
      int set = k.indexOf('\0');
      if (held > 0 && held + d == 0) deletes.computeIfAbsent(k.substring(0, set), s -> new ArrayList<>()).add(k.substring(set + 1));
      if (held == 0 && d > 0) adds.computeIfAbsent(k.substring(0, set), s -> new ArrayList<>()).add(k.substring(set + 1));
      if (held + d < 0) throw new IllegalStateException("more Services let go of " + k + " than held it");
    });
    deletes.values().forEach(Collections::sort);
    adds.values().forEach(Collections::sort);
    return new Change(deletes, adds, deltas);
  }

  void commit(Change c) {
    c.deltas().forEach((k, d) -> {
      if (holders.merge(k, d, Integer::sum) == 0) holders.remove(k);
    });
  }

  /** Counts every Service's keys afresh (after a full sync). */
  void reset(Map<ServiceRef, ServiceObjects> services) {
    holders.clear();
    for (ServiceObjects o : services.values()) {
      for (String set : SETS) {
        o.elements().getOrDefault(set, Collections.emptySortedMap()).keySet().forEach(k -> holders.merge(set + "\0" + k, 1, Integer::sum));
      }
    }
  }

  void clear() {
    holders.clear();
  }
}
