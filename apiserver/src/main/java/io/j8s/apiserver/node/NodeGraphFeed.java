package io.j8s.apiserver.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.CachedEvent;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link NodeGraph}: every pod's {@link PodRefs}, indexed by node, kept from the API
 * server's watch cache as the RBAC index is (one list, then the cache's pod events on its
 * thread; a broken subscription lists again).
 */
public final class NodeGraphFeed implements NodeGraph, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeGraphFeed.class);
  static final String PREFIX = "/registry/core/pods/";

  private final Backend backend;
  private final WatchCache cache;
  private final Map<String, PodRefs> byKey = new ConcurrentHashMap<>();
  private final Map<String, Map<String, PodRefs>> byNode = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile WatchCache.Subscription subscription;

  private NodeGraphFeed(Backend backend, WatchCache cache) {
    this.backend = backend;
    this.cache = cache;
    resync();
    this.thread = Thread.ofVirtual().name("node-graph-feed").start(this::run);
  }

  /** Lists and subscribes before returning: the graph is complete as of now. */
  public static NodeGraphFeed start(Backend backend, WatchCache cache) { return new NodeGraphFeed(backend, cache); }

  @Override public Collection<PodRefs> podsOn(String node) {
    Map<String, PodRefs> m = byNode.get(node);
    return m == null ? List.of() : m.values();
  }

  @Override public Optional<PodRefs> pod(String namespace, String name) {
    return Optional.ofNullable(byKey.get(PREFIX + namespace + "/" + name));
  }

  private synchronized void resync() {
    WatchCache.Subscription old = subscription;
    if (old != null) old.close();
    byKey.clear();
    byNode.clear();
    String after = null;
    long rev = 0;
    while (true) {
      ListResult r = backend.list(PREFIX, after, 500, rev);
      rev = r.revision();
      for (KeyValue kv : r.items()) {
        put(kv.key(), ObjectStore.decode(kv));
        after = kv.key();
      }
      if (!r.more()) break;
    }
    WatchCache.Subscription s = cache.subscribe(PREFIX, rev);
    subscription = s;
    s.attach(this::take);
  }

  private void put(String key, ObjectNode pod) {
    PodRefs refs = PodRefs.of(pod);
    PodRefs before = byKey.put(key, refs);
    if (before != null && !before.nodeName().equals(refs.nodeName())) unindex(key, before);
    if (!refs.nodeName().isEmpty()) byNode.computeIfAbsent(refs.nodeName(), n -> new ConcurrentHashMap<>()).put(key, refs);
  }

  private void remove(String key) {
    PodRefs before = byKey.remove(key);
    if (before != null) unindex(key, before);
  }

  private void unindex(String key, PodRefs refs) {
    Map<String, PodRefs> m = byNode.get(refs.nodeName());
    if (m != null) m.remove(key);
  }

  private boolean take(CachedEvent e) {
    try {
      if (e.type() == Event.Type.DELETE) remove(e.key()); else put(e.key(), e.object());
    } catch (RuntimeException ex) {
      LOG.warn("node graph: cannot apply {}: {}", e.key(), ex.toString());
    }
    return true;
  }

  private void run() {
    while (!closed) {
      try {
        WatchCache.Subscription s = subscription;
        Object o = s.poll(1000);
        if (closed) return;
        if (o == null) {
          if (s.idle()) s.attach(this::take);
        } else if (o instanceof WatchCache.End end) {
          LOG.warn("node graph feed ended ({}); listing again", end.reason());
          Thread.sleep(200);
          resync();
        } else if (o instanceof CachedEvent e) {
          take(e);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("node graph feed: {}; listing again in 1 s", e.toString());
        try {
          Thread.sleep(1000);
          resync();
        } catch (InterruptedException ie) {
          return;
        } catch (RuntimeException again) {
          LOG.warn("node graph relist failed: {}", again.toString());
        }
      }
    }
  }

  @Override public void close() {
    closed = true;
    thread.interrupt();
    WatchCache.Subscription s = subscription;
    if (s != null) s.close();
  }
}
