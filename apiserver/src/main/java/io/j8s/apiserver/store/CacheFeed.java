package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory state kept current from this API server's watch cache for one key prefix: one list
 * of every object into a fresh state, swapped in whole, then the cache's events applied to it on
 * the cache's thread as they arrive (no datastore read per request). If the subscription ends
 * (the datastore watch broke, or the feed fell behind), it lists again into a new state.
 *
 * @param <S> the state; written by this feed only, read by any number of threads
 */
public final class CacheFeed<S> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CacheFeed.class);

  /** How the state is built and changed. */
  public interface Target<S> {
    S fresh();

    void put(S state, String key, ObjectNode object);

    void remove(S state, String key);
  }

  private final String name;
  private final String prefix;
  private final Backend backend;
  private final WatchCache cache;
  private final Target<S> target;
  private final Thread thread;
  private volatile S state;
  private volatile boolean closed;
  private volatile WatchCache.Subscription subscription;

  private CacheFeed(String name, String prefix, Backend backend, WatchCache cache, Target<S> target) {
    this.name = name;
    this.prefix = prefix;
    this.backend = backend;
    this.cache = cache;
    this.target = target;
    resync();
    this.thread = Thread.ofVirtual().name(name + "-feed").start(this::run);
  }

  /** Lists and subscribes before returning: the state is complete as of now. */
  public static <S> CacheFeed<S> start(String name, String prefix, Backend backend, WatchCache cache, Target<S> target) {
    return new CacheFeed<>(name, prefix, backend, cache, target);
  }

  /** The current state; a relist builds a new one and swaps it in whole. */
  public S state() { return state; }

  private synchronized void resync() {
    WatchCache.Subscription old = subscription;
    if (old != null) old.close();
    S fresh = target.fresh();
    String after = null;
    long rev = 0;
    while (true) {
      ListResult r = backend.list(prefix, after, 500, rev);
      rev = r.revision();
      for (KeyValue kv : r.items()) {
        target.put(fresh, kv.key(), ObjectStore.decode(kv));
        after = kv.key();
      }
      if (!r.more()) break;
    }
    WatchCache.Subscription s = cache.subscribe(prefix, rev);
    state = fresh;
    subscription = s;
    s.attach(this::take);
  }

  private boolean take(CachedEvent e) {
    try {
      if (e.type() == Event.Type.DELETE) target.remove(state, e.key()); else target.put(state, e.key(), e.object());
    } catch (RuntimeException ex) {
      LOG.warn("{}: cannot apply {}: {}", name, e.key(), ex.toString());
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
          LOG.warn("{} feed ended ({}); listing again", name, end.reason());
          Thread.sleep(200);
          resync();
        } else if (o instanceof CachedEvent e) {
          take(e);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("{} feed: {}; listing again in 1 s", name, e.toString());
        try {
          Thread.sleep(1000);
          resync();
        } catch (InterruptedException ie) {
          return;
        } catch (RuntimeException again) {
          LOG.warn("{} relist failed: {}", name, again.toString());
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
