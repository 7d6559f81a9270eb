package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether each namespace exists and takes new content, kept in memory so that a create does
 * not read the datastore (upstream's NamespaceLifecycle admission does the same from its
 * informer). Fed by this server's own namespace writes as they happen and by the watch cache
 * (writes of other servers sharing the datastore); the newest revision of a namespace wins.
 * A namespace it does not know, or knows as deleted, is looked up in the datastore, so a
 * namespace created an instant ago is never refused.
 */
public final class NamespaceView {
  private static final String PREFIX = ResourceRegistry.builtins().byPlural("", "v1", "namespaces").orElseThrow().keyPrefix(null);

  /** What a create in a namespace meets. */
  public enum State { OPEN, TERMINATING, ABSENT }

  private record Entry(State state, long revision) {}

  private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();

  /**
   * The namespace's state; {@code live} reads it from the datastore, used only when this view
   * does not hold it as existing.
   */
  public State state(String name, Supplier<Optional<StoredObject>> live) {
    Entry e = byName.get(name);
    if (e != null && e.state() != State.ABSENT) return e.state();
    Optional<StoredObject> read = live.get();
    if (read.isEmpty()) return State.ABSENT;
    return record(name, new Entry(stateOf(read.get().tree()), read.get().revision())).state();
  }

  /** A write of {@code key} (ignored unless a namespace). */
  void wrote(String key, StoredObject obj) {
    if (key.startsWith(PREFIX)) record(key.substring(PREFIX.length()), new Entry(stateOf(obj.tree()), obj.revision()));
  }

  /** A delete of {@code key} at {@code revision} (ignored unless a namespace). */
  void deleted(String key, long revision) {
    if (key.startsWith(PREFIX)) record(key.substring(PREFIX.length()), new Entry(State.ABSENT, revision));
  }

  private Entry record(String name, Entry e) {
    return byName.merge(name, e, (old, now) -> now.revision() > old.revision() ? now : old);
  }

  private static State stateOf(ObjectNode ns) {
    boolean deleting = ns.path("metadata").hasNonNull("deletionTimestamp");
    return deleting || "Terminating".equals(ns.path("status").path("phase").asText()) ? State.TERMINATING : State.OPEN;
  }
}
