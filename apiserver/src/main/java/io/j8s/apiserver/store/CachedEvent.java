package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.storage.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A decoded change: the object after it (for deletes, the last state stamped with the delete's
 * revision) and before it (null for creates). Shared by all watchers: never mutate.
 *
 * @param encoded renderings shared by every watcher that sends the same bytes (e.g. the JSON
 *                watch line for "MODIFIED"), so a change is serialized once, not once per watcher
 */
public record CachedEvent(Event.Type type, String key, ObjectNode object, ObjectNode prev, long revision,
    Map<String, byte[]> encoded) {

  public CachedEvent(Event.Type type, String key, ObjectNode object, ObjectNode prev, long revision) {
    this(type, key, object, prev, revision, new ConcurrentHashMap<>(2));
  }

  /** The rendering named {@code name}, made by {@code render} on first use. */
  public byte[] encoded(String name, Function<CachedEvent, byte[]> render) {
    return encoded.computeIfAbsent(name, n -> render.apply(this));
  }
}
