package io.j8s.proxy.nftables;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one Service (all its ports) owns in the {@code kube-proxy} table: its chains with
 * their rules, its sets (ClientIP affinity, name to declaration) and its elements in the shared
 * maps and sets (map name to element key to value; an empty value for a set element).
 */
public record ServiceObjects(SortedMap<String, List<String>> chains, SortedMap<String, String> sets,
    SortedMap<String, SortedMap<String, String>> elements) {
  public ServiceObjects {
    chains = Collections.unmodifiableSortedMap(new TreeMap<>(chains));
    sets = Collections.unmodifiableSortedMap(new TreeMap<>(sets));
    TreeMap<String, SortedMap<String, String>> e = new TreeMap<>();
    elements.forEach((k, v) -> e.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v))));
    elements = Collections.unmodifiableSortedMap(e);
  }

  public static final ServiceObjects NONE = new ServiceObjects(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

  /** Rules over all chains (a metric). */
  public int ruleCount() {
    return chains.values().stream().mapToInt(List::size).sum();
  }

  /** A mutable collector the renderer fills, one per Service. */
  static final class Builder {
    final TreeMap<String, List<String>> chains = new TreeMap<>();
    final TreeMap<String, String> sets = new TreeMap<>();
    final TreeMap<String, SortedMap<String, String>> elements = new TreeMap<>();

    List<String> chain(String name) {
      return chains.computeIfAbsent(name, k -> new java.util.ArrayList<>());
    }

    void element(String map, String key, String value) {
      elements.computeIfAbsent(map, k -> new TreeMap<>()).put(key, value);
    }

    ServiceObjects build() {
      return new ServiceObjects(chains, sets, elements);
    }
  }
}
