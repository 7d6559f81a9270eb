package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;

/**
 * What another part of the server does around the write path, as upstream's registry
 * strategies and BeginCreate/BeginUpdate hooks do (Service addressing uses it). Writes calls
 * {@link #prepareUpdate} before defaulting, {@link #claim} after validation and before the one
 * compare-and-swap, and {@link #deleted} once an object is gone from the store.
 */
public interface WriteHook {
  WriteHook NONE = new WriteHook() {};

  /** Whether the hook acts on this kind at all (others take the write path's fast lane). */
  default boolean appliesTo(ResourceType t) { return false; }

  /** Before defaulting of an update: fill what the server allocated and the client omitted. */
  default void prepareUpdate(ResourceType t, ObjectNode next, ObjectNode current) {}

  /**
   * After validation (old is null on create): may change {@code next} and reserve resources.
   * The returned callback learns whether the object was stored, to keep or give them back.
   */
  default Finish claim(ResourceType t, ObjectNode next, ObjectNode old, boolean dryRun) { return Finish.NOTHING; }

  /** The object is gone from the store; {@code last} is its last state. */
  default void deleted(ResourceType t, ObjectNode last) {}

  /** Called once when a write that is not a dry run ends (hooks claim nothing on dry runs). */
  @FunctionalInterface
  interface Finish {
    Finish NOTHING = stored -> { };

    void done(boolean stored);
  }
}
