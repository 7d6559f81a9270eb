package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.storage.Event;

/**
 * A decoded change: the object after it (for deletes, the last state stamped with the delete's
 * revision) and before it (null for creates). Shared by all watchers: never mutate.
 */
public record CachedEvent(Event.Type type, String key, ObjectNode object, ObjectNode prev, long revision) {}
