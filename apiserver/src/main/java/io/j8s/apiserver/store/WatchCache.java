package io.j8s.apiserver.store;

import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend watch over every object, fanned out to any number of subscriptions (each
 * object parsed at most once, and only if a subscriber's selector needs it), with the most recent {@code capacity} events kept so a watch can resume from
 * a recent resourceVersion. A subscription whose client falls more than its queue behind is
 * closed (the client re-watches or relists, as with upstream's watch cache). Namespace changes
 * also go to the {@link NamespaceView}.
 */
public final class WatchCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
  static final int QUEUE_CAPACITY = 8192;

  private final int capacity;
  private final ArrayDeque<CachedEvent> window = new ArrayDeque<>();
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Watch watch;
  private final NamespaceView namespaces;
  private long evictedUpTo;
  private volatile long latest;

  public WatchCache(Backend backend, int capacity) { this(backend, capacity, new NamespaceView()); }

  /** @param namespaces told of every namespace change the datastore reports */
  public WatchCache(Backend backend, int capacity, NamespaceView namespaces) {
    this.capacity = capacity;
    this.namespaces = namespaces;
    long current = backend.currentRevision();
    long start = Math.max(backend.compactRevision(), current - capacity);
    this.evictedUpTo = start;
    this.latest = start;
    this.watch = backend.watch("/registry/", start, new WatchListener() {
      @Override public void onEvents(List<Event> events) { accept(events); }
      @Override public void onClosed(StorageException cause) {
        LOG.error("datastore watch ended; watch streams will stop: {}", cause == null ? "closed" : cause.getMessage());
        for (Subscription s : subscribers) s.end("datastore watch ended");
      }
    });
  }

  /** The newest revision the cache has seen. */
  public long latestRevision() { return latest; }

  /**
   * Subscribes to changes of keys under {@code keyPrefix} with revision &gt; afterRevision.
   *
   * @throws StorageException.Compacted if events after afterRevision are no longer held
   */
  public Subscription subscribe(String keyPrefix, long afterRevision) {
    synchronized (lock) {
      if (afterRevision < evictedUpTo) throw new StorageException.Compacted(afterRevision, evictedUpTo);
      Subscription s = new Subscription(keyPrefix, afterRevision);
      for (CachedEvent e : window) s.offer(e);
      subscribers.add(s);
      return s;
    }
  }

  private void accept(List<Event> events) {
    List<CachedEvent> decoded = new ArrayList<>(events.size());
    for (Event e : events) {
      CachedEvent c = new CachedEvent(e);
      try {
        if (e.type() == Event.Type.DELETE) namespaces.deleted(c.key(), c.revision()); else namespaces.wrote(c.key(), c.current());
      } catch (RuntimeException ex) {
        LOG.warn("skipping undecodable event at {}: {}", e.kv().key(), ex.getMessage());
        continue;
      }
      decoded.add(c);
    }
    synchronized (lock) {
      for (CachedEvent e : decoded) {
        window.addLast(e);
        if (window.size() > capacity) evictedUpTo = window.removeFirst().revision();
        for (Subscription s : subscribers) s.offer(e);
        latest = Math.max(latest, e.revision());
      }
      if (!events.isEmpty()) latest = Math.max(latest, events.get(events.size() - 1).revision());
    }
  }

  @Override public void close() {
    watch.close();
    for (Subscription s : subscribers) s.end("server shutting down");
  }

  /** A subscriber's ordered queue of events; {@link #poll} until it returns an end marker. */
  public final class Subscription implements AutoCloseable {
    private final String prefix;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 1);
    private final long after;
    private volatile boolean ended;
    private Sink sink; // guarded by the cache's lock

    Subscription(String prefix, long after) {
      this.prefix = prefix;
      this.after = after;
    }

    /** Called under the cache's lock, in revision order. */
    void offer(CachedEvent e) {
      if (ended || e.revision() <= after || !e.key().startsWith(prefix)) return;
      if (sink != null) {
        if (sink.take(e)) return;
        sink = null; // queued from here on, until the subscriber drained the queue and attaches again
      }
      if (queue.remainingCapacity() <= 1) {
        end("watcher fell " + QUEUE_CAPACITY + " events behind");
        return;
      }
      queue.offer(e);
    }

    void end(String why) {
      if (ended) return;
      ended = true;
      queue.offer(new End(why));
    }

    /**
     * Has events handed to {@code sink} on the cache's own thread, as they come, instead of
     * queued for {@link #poll}: no thread wakes per event. Only when nothing is queued (the
     * order must hold); false otherwise. Stays until {@link #detach} or the sink refuses one.
     */
    public boolean attach(Sink s) {
      synchronized (lock) {
        if (ended || !queue.isEmpty()) return false;
        sink = s;
        return true;
      }
    }

    /** Events are queued again; returns once no event is being handed to the sink. */
    public void detach() {
      synchronized (lock) {
        sink = null;
      }
    }

    /** The next event, an {@link End}, or null if none arrived within the timeout. */
    public Object poll(long millis) throws InterruptedException {
      return queue.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * True when nothing is queued. Read {@link #latestRevision()} first: if the queue is then
     * idle, every event of this subscription up to that revision has been taken.
     */
    public boolean idle() { return queue.isEmpty(); }

    @Override public void close() {
      ended = true;
      subscribers.remove(this);
    }
  }

  /**
   * Takes a subscription's events on the cache's thread (under its lock: it must not block),
   * in order; false refuses this one, which is then queued with all after it.
   */
  public interface Sink {
    boolean take(CachedEvent e);
  }

  /** Marks the end of a subscription's stream. */
  public record End(String reason) {}

  /** For tests and metrics. */
  public int subscriberCount() { return subscribers.size(); }
}
