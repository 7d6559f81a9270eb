package io.j8s.storage.sqlite;

import io.j8s.storage.Event;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One watcher: the writer offers events under its lock (so they arrive in revision order), a
 * virtual thread delivers them in batches. More than {@link #MAX_QUEUED} undelivered events
 * close the watch with {@code onClosed}.
 */
final class SqliteWatch implements Watch {
  static final int MAX_QUEUED = 100_000;
  private static final Object END = new Object();

  private final String prefix;
  private final long after;
  private final WatchListener listener;
  private final Consumer<SqliteWatch> onClose;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private volatile StorageException cause;

  SqliteWatch(String prefix, long after, WatchListener listener, Consumer<SqliteWatch> onClose) {
    this.prefix = prefix;
    this.after = after;
    this.listener = listener;
    this.onClose = onClose;
    Thread.ofVirtual().name("sqlite-watch " + prefix).start(this::deliver);
  }

  void offerAll(List<Event> events) { events.forEach(this::offer); }

  void offer(Event e) {
    if (closed || e.revision() <= after || !e.kv().key().startsWith(prefix)) return;
    if (queue.size() >= MAX_QUEUED) {
      closeFromBackend(new StorageException.Unavailable("watch on " + prefix + " fell " + MAX_QUEUED + " events behind", null));
      return;
    }
    queue.add(e);
  }

  void closeFromBackend(StorageException why) {
    if (closed) return;
    cause = why;
    closed = true;
    queue.add(END);
    onClose.accept(this);
  }

  private void deliver() {
    List<Object> batch = new ArrayList<>();
    try {
      while (true) {
        batch.clear();
        batch.add(queue.take());
        queue.drainTo(batch, 999);
        List<Event> events = new ArrayList<>(batch.size());
        boolean end = false;
        for (Object o : batch) {
          if (o == END) end = true; else if (!end) events.add((Event) o);
        }
        if (!events.isEmpty() && !(closed && cause == null && end)) listener.onEvents(events);
        if (end) {
          listener.onClosed(cause);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    queue.add(END);
    onClose.accept(this);
  }
}
