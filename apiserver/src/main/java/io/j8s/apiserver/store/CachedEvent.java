package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.storage.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A change: the object after it (for deletes, the last state stamped with the delete's
 * revision) and before it (null for creates), each parsed only when a watcher needs the tree
 * (a selector), and then once. Shared by all watchers: never mutate.
 *
 * @param encoded renderings shared by every watcher that sends the same bytes (e.g. the JSON
 *                watch line for "MODIFIED"), so a change is serialized once, not once per watcher
 */
public record CachedEvent(Event.Type type, String key, StoredObject current, StoredObject previous, long revision,
    Map<String, byte[]> encoded) {

  public CachedEvent(Event e) {
    this(e.type(), e.kv().key(), StoredObject.of(e.kv()), e.prev() == null ? null : StoredObject.of(e.prev()), e.revision(),
        new ConcurrentHashMap<>(2));
  }

  /** The object after the change, with its resourceVersion. */
  public ObjectNode object() { return current.tree(); }

  /** The object before the change, or null for a create. */
  public ObjectNode prev() { return previous == null ? null : previous.tree(); }

  /** The rendering named {@code name}, made by {@code render} on first use. */
  public byte[] encoded(String name, Function<CachedEvent, byte[]> render) {
    return encoded.computeIfAbsent(name, n -> render.apply(this));
  }
}
