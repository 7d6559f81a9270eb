package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.CachedEvent;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link PolicyIndex} current from the API server's own watch cache: one list of every
 * RBAC object, then the cache's events for the RBAC key prefix, applied on the cache's thread
 * as they arrive (no thread wakes per event, no datastore read per request). If the
 * subscription ends (the datastore watch broke, or the feed fell behind), it lists again.
 */
public final class IndexFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);
  static final String PREFIX = "/registry/rbac.authorization.k8s.io/";

  private final Backend backend;
  private final WatchCache cache;
  private volatile PolicyIndex index;
  private final Thread thread;
  private volatile boolean closed;
  private volatile WatchCache.Subscription subscription;

  private IndexFeed(Backend backend, WatchCache cache) {
    this.backend = backend;
    this.cache = cache;
    resync();
    this.thread = Thread.ofVirtual().name("rbac-index-feed").start(this::run);
  }

  /** Lists and subscribes before returning: the index is complete as of now. */
  public static IndexFeed start(Backend backend, WatchCache cache) {
    return new IndexFeed(backend, cache);
  }

  /** The current index; a relist builds a new one and swaps it in whole. */
  public PolicyIndex index() { return index; }

  private void resync() {
    WatchCache.Subscription old = subscription;
    if (old != null) old.close();
    PolicyIndex fresh = new PolicyIndex();
    String after = null;
    long rev = 0;
    while (true) {
      ListResult r = backend.list(PREFIX, after, 500, rev);
      rev = r.revision();
      for (KeyValue kv : r.items()) {
        apply(fresh, kv.key(), ObjectStore.decode(kv));
        after = kv.key();
      }
      if (!r.more()) break;
    }
    WatchCache.Subscription s = cache.subscribe(PREFIX, rev);
    index = fresh;
    subscription = s;
    s.attach(this::take);
  }

  private boolean take(CachedEvent e) {
    try {
      if (e.type() == Event.Type.DELETE) remove(e.key()); else apply(index, e.key(), e.object());
    } catch (RuntimeException ex) {
      LOG.warn("RBAC index: cannot apply {}: {}", e.key(), ex.toString());
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
          LOG.warn("RBAC index feed ended ({}); listing again", end.reason());
          Thread.sleep(200);
          resync();
        } else if (o instanceof CachedEvent e) {
          take(e);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("RBAC index feed: {}; listing again in 1 s", e.toString());
        try {
          Thread.sleep(1000);
          resync();
        } catch (InterruptedException ie) {
          return;
        } catch (RuntimeException again) {
          LOG.warn("RBAC index relist failed: {}", again.toString());
        }
      }
    }
  }

  /** Key: PREFIX + resource + "/" + [ns + "/"] + name. */
  private static void apply(PolicyIndex index, String key, ObjectNode obj) {
    String[] p = key.substring(PREFIX.length()).split("/");
    switch (p[0]) {
      case "roles" -> index.putRole(p[1], p[2], obj);
      case "clusterroles" -> index.putRole("", p[1], obj);
      case "rolebindings" -> index.putBinding(p[1], p[2], obj);
      case "clusterrolebindings" -> index.putBinding("", p[1], obj);
      default -> { }
    }
  }

  private void remove(String key) {
    String[] p = key.substring(PREFIX.length()).split("/");
    switch (p[0]) {
      case "roles" -> index.removeRole(p[1], p[2]);
      case "clusterroles" -> index.removeRole("", p[1]);
      case "rolebindings" -> index.removeBinding(p[1], p[2]);
      case "clusterrolebindings" -> index.removeBinding("", p[1]);
      default -> { }
    }
  }

  @Override public void close() {
    closed = true;
    thread.interrupt();
    WatchCache.Subscription s = subscription;
    if (s != null) s.close();
  }
}
