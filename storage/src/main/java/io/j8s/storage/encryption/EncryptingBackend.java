package io.j8s.storage.encryption;

import io.j8s.storage.Backend;
import io.j8s.storage.Event;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Backend} whose values under one key prefix are sealed by an {@link AesGcmEnvelope}
 * before the driver stores them and opened as they come back (get, list, watch events, the
 * value a delete returns); other keys pass through. A value that does not open fails the read
 * with {@link StorageException.Unreadable}; in a watch such an event is logged and left out (the
 * watch goes on for everything else).
 */
public final class EncryptingBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(EncryptingBackend.class);
  private final Backend inner;
  private final String prefix;
  private final AesGcmEnvelope envelope;

  public EncryptingBackend(Backend inner, String prefix, AesGcmEnvelope envelope) {
    this.inner = inner;
    this.prefix = prefix;
    this.envelope = envelope;
  }

  /** The driver underneath, which sees sealed values. */
  public Backend inner() { return inner; }

  public AesGcmEnvelope envelope() { return envelope; }

  private boolean covers(String key) { return key.startsWith(prefix); }

  private byte[] in(String key, byte[] value) { return covers(key) ? envelope.seal(key, value) : value; }

  private KeyValue out(KeyValue kv) {
    if (kv == null || !covers(kv.key()) || kv.value() == null) return kv;
    return new KeyValue(kv.key(), envelope.open(kv.key(), kv.value()), kv.createRevision(), kv.modRevision());
  }

  @Override public long currentRevision() { return inner.currentRevision(); }

  @Override public long compactRevision() { return inner.compactRevision(); }

  @Override public Optional<KeyValue> get(String key) { return inner.get(key).map(this::out); }

  @Override public long create(String key, byte[] value) { return inner.create(key, in(key, value)); }

  @Override public long update(String key, byte[] value, long expectedRevision) {
    try {
      return inner.update(key, in(key, value), expectedRevision);
    } catch (StorageException.Conflict e) {
      throw new StorageException.Conflict(key, expectedRevision, openQuietly(e.current()));
    }
  }

  @Override public KeyValue delete(String key, long expectedRevision) {
    try {
      return out(inner.delete(key, expectedRevision));
    } catch (StorageException.Conflict e) {
      throw new StorageException.Conflict(key, expectedRevision, openQuietly(e.current()));
    }
  }

  /** The conflicting current value opened, or null (callers re-read) when it does not open. */
  private KeyValue openQuietly(KeyValue kv) {
    try {
      return out(kv);
    } catch (StorageException.Unreadable u) {
      return null;
    }
  }

  @Override public ListResult list(String p, String startAfter, int limit, long revision) {
    ListResult r = inner.list(p, startAfter, limit, revision);
    if (!covers(p) && !prefix.startsWith(p)) return r;
    List<KeyValue> items = new ArrayList<>(r.items().size());
    for (KeyValue kv : r.items()) items.add(out(kv));
    return new ListResult(items, r.revision(), r.more(), r.remaining());
  }

  @Override public long count(String p) { return inner.count(p); }

  @Override public Watch watch(String p, long afterRevision, WatchListener listener) {
    return inner.watch(p, afterRevision, new WatchListener() {
      @Override public void onEvents(List<Event> events) {
        List<Event> opened = new ArrayList<>(events.size());
        for (Event e : events) {
          try {
            opened.add(covers(e.kv().key()) ? new Event(e.type(), out(e.kv()), openQuietly(e.prev())) : e);
          } catch (StorageException.Unreadable u) {
            LOG.error("watch: left out a {} event at revision {}: {}", e.type(), e.revision(), u.getMessage());
          }
        }
        if (!opened.isEmpty()) listener.onEvents(opened);
      }

      @Override public void onClosed(StorageException cause) { listener.onClosed(cause); }
    });
  }

  @Override public void compact(long revision) { inner.compact(revision); }

  @Override public void close() { inner.close(); }
}
