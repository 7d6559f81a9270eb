package io.j8s.apiserver.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.CacheFeed;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.Backend;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live {@link NodeGraph}: every pod's {@link PodRefs}, indexed by node, kept from the API
 * server's watch cache by a {@link CacheFeed} over the pods' key prefix (a relist builds a new
 * graph and swaps it in whole, so a node is never judged against a half-listed graph).
 */
public final class NodeGraphFeed implements NodeGraph, AutoCloseable {
  static final String PREFIX = "/registry/core/pods/";

  /** One listing's graph: pods by key, and by node. */
  private static final class Graph {
    final Map<String, PodRefs> byKey = new ConcurrentHashMap<>();
    final Map<String, Map<String, PodRefs>> byNode = new ConcurrentHashMap<>();

    void put(String key, ObjectNode pod) {
      PodRefs refs = PodRefs.of(pod);
      PodRefs before = byKey.put(key, refs);
      if (before != null && !before.nodeName().equals(refs.nodeName())) unindex(key, before);
      if (!refs.nodeName().isEmpty()) byNode.computeIfAbsent(refs.nodeName(), n -> new ConcurrentHashMap<>()).put(key, refs);
    }

    void remove(String key) {
      PodRefs before = byKey.remove(key);
      if (before != null) unindex(key, before);
    }

    private void unindex(String key, PodRefs refs) {
      Map<String, PodRefs> m = byNode.get(refs.nodeName());
      if (m != null) m.remove(key);
    }
  }

  private final CacheFeed<Graph> feed;

  private NodeGraphFeed(Backend backend, WatchCache cache) {
    this.feed = CacheFeed.start("node-graph", PREFIX, backend, cache, new CacheFeed.Target<>() {
      @Override public Graph fresh() { return new Graph(); }

      @Override public void put(Graph g, String key, ObjectNode pod) { g.put(key, pod); }

      @Override public void remove(Graph g, String key) { g.remove(key); }
    });
  }

  /** Lists and subscribes before returning: the graph is complete as of now. */
  public static NodeGraphFeed start(Backend backend, WatchCache cache) { return new NodeGraphFeed(backend, cache); }

  @Override public Collection<PodRefs> podsOn(String node) {
    Map<String, PodRefs> m = feed.state().byNode.get(node);
    return m == null ? List.of() : m.values();
  }

  @Override public Optional<PodRefs> pod(String namespace, String name) {
    return Optional.ofNullable(feed.state().byKey.get(PREFIX + namespace + "/" + name));
  }

  @Override public void close() { feed.close(); }
}
