package io.j8s.storage.encryption;

import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.Watch;
import io.j8s.storage.WatchListener;
import java.util.Optional;

/** A backend that passes every call through; tests override what they break. */
class ForwardingBackend implements Backend {
  private final Backend inner;

  ForwardingBackend(Backend inner) { this.inner = inner; }

  @Override public long currentRevision() { return inner.currentRevision(); }
  @Override public long compactRevision() { return inner.compactRevision(); }
  @Override public Optional<KeyValue> get(String key) { return inner.get(key); }
  @Override public long create(String key, byte[] value) { return inner.create(key, value); }
  @Override public long update(String key, byte[] value, long expected) { return inner.update(key, value, expected); }
  @Override public KeyValue delete(String key, long expected) { return inner.delete(key, expected); }
  @Override public ListResult list(String prefix, String after, int limit, long rev) { return inner.list(prefix, after, limit, rev); }
  @Override public long count(String prefix) { return inner.count(prefix); }
  @Override public Watch watch(String prefix, long after, WatchListener l) { return inner.watch(prefix, after, l); }
  @Override public void compact(long revision) { inner.compact(revision); }
  @Override public void close() { inner.close(); }
}
