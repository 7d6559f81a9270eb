package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.storage.KeyValue;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An object as the datastore holds it: its JSON (never with {@code metadata.resourceVersion})
 * and the revision that wrote it. The JSON with the resourceVersion (what clients get) and the
 * tree are made on first use and kept, so an object read or written once is not parsed or
 * serialized again to answer or to watch. Shared: never mutate {@link #tree()}.
 */
public final class StoredObject {
  private final byte[] json;
  private final long revision;
  private volatile byte[] stamped;
  private volatile ObjectNode tree;

  /** @param revision 0 for an object not stored (a dry run): no resourceVersion is added */
  public StoredObject(byte[] json, long revision) {
    this.json = json;
    this.revision = revision;
  }

  public static StoredObject of(KeyValue kv) { return new StoredObject(kv.value(), kv.modRevision()); }

  /** A dry run's result: what would have been stored, without a resourceVersion. */
  public static StoredObject unsaved(ObjectNode obj) { return new StoredObject(ObjectStore.encode(obj), 0); }

  public long revision() { return revision; }

  /** The JSON clients get: the stored JSON with {@code metadata.resourceVersion} added. */
  public byte[] json() {
    byte[] s = stamped;
    if (s == null) {
      s = revision == 0 ? json : ResourceVersionStamp.stamp(json, revision);
      if (s == null) s = Json.bytes(tree());
      stamped = s;
    }
    return s;
  }

  /** The object with its resourceVersion, parsed once. Shared: never mutate. */
  public ObjectNode tree() {
    ObjectNode t = tree;
    if (t == null) {
      try {
        t = Json.parseObject(json);
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt stored object", e);
      }
      if (revision != 0) Json.meta(t).put("resourceVersion", Long.toString(revision));
      tree = t;
    }
    return t;
  }

  /** A copy of {@link #tree()} the caller may change. */
  public ObjectNode mutableTree() { return tree().deepCopy(); }
}
