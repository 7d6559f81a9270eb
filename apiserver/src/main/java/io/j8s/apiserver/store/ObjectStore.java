package io.j8s.apiserver.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Kubernetes objects as JSON in the backend. The stored bytes never hold
 * {@code metadata.resourceVersion}; it is stamped from the key's modRevision on every read, so
 * it always equals the revision that wrote the object.
 */
public final class ObjectStore {
  private final Backend backend;
  private final NamespaceView namespaces;

  public ObjectStore(Backend backend) { this(backend, new NamespaceView()); }

  /** @param namespaces told of every namespace this store writes, at once (before the watch sees it) */
  public ObjectStore(Backend backend, NamespaceView namespaces) {
    this.backend = backend;
    this.namespaces = namespaces;
  }

  public Backend backend() { return backend; }

  public Optional<ObjectNode> get(ResourceType t, String ns, String name) {
    return backend.get(t.key(ns, name)).map(ObjectStore::decode);
  }

  /** As stored, parsed only if asked. */
  public Optional<StoredObject> getStored(ResourceType t, String ns, String name) {
    return backend.get(t.key(ns, name)).map(StoredObject::of);
  }

  /** Namespaces as this server last saw them. */
  public NamespaceView namespaces() { return namespaces; }

  /** @throws io.j8s.storage.StorageException.KeyExists if it exists */
  public StoredObject create(ResourceType t, String ns, String name, ObjectNode obj) {
    return create(t, ns, name, encode(obj));
  }

  /**
   * Stores JSON as it is: it must not hold {@code metadata.resourceVersion}.
   *
   * @throws io.j8s.storage.StorageException.KeyExists if it exists
   */
  public StoredObject create(ResourceType t, String ns, String name, byte[] json) {
    String key = t.key(ns, name);
    StoredObject s = new StoredObject(json, backend.create(key, json));
    namespaces.wrote(key, s);
    return s;
  }

  /** @throws io.j8s.storage.StorageException.Conflict on a stale expected revision */
  public ObjectNode update(ResourceType t, String ns, String name, ObjectNode obj, long expectedRevision) {
    String key = t.key(ns, name);
    byte[] json = encode(obj);
    long rev = backend.update(key, json, expectedRevision);
    namespaces.wrote(key, new StoredObject(json, rev));
    return stamped(obj, rev);
  }

  /** Deletes and returns the last state, its resourceVersion being the delete's revision. */
  public ObjectNode delete(ResourceType t, String ns, String name, long expectedRevision) {
    String key = t.key(ns, name);
    KeyValue gone = backend.delete(key, expectedRevision);
    namespaces.deleted(key, gone.modRevision());
    return decode(gone);
  }

  /** One page of matching objects, reading further backend pages until {@code limit} match. */
  public Page list(ResourceType t, String ns, String startAfter, int limit, long revision, Predicate<ObjectNode> filter) {
    String prefix = t.keyPrefix(ns);
    List<ObjectNode> out = new ArrayList<>();
    String after = startAfter;
    long rev = revision;
    while (true) {
      int want = limit <= 0 ? 0 : Math.max(limit - out.size(), Math.min(500, limit * 2));
      ListResult r = backend.list(prefix, after, want, rev);
      rev = r.revision();
      for (KeyValue kv : r.items()) {
        ObjectNode o = decode(kv);
        after = kv.key();
        if (filter.test(o)) {
          out.add(o);
          if (limit > 0 && out.size() == limit) {
            boolean more = r.more() || kv != r.items().get(r.items().size() - 1);
            return new Page(out, rev, more ? kv.key() : null);
          }
        }
      }
      if (!r.more()) return new Page(out, rev, null);
    }
  }

  /**
   * @param continueAfter the last key returned, when more may follow; null at the end
   */
  public record Page(List<ObjectNode> items, long revision, String continueAfter) {}

  public static byte[] encode(ObjectNode obj) {
    ObjectNode copy = obj.deepCopy();
    Json.meta(copy).remove("resourceVersion");
    return Json.bytes(copy);
  }

  public static ObjectNode decode(KeyValue kv) {
    try {
      ObjectNode o = Json.parseObject(kv.value());
      Json.meta(o).put("resourceVersion", Long.toString(kv.modRevision()));
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt object at " + kv.key(), e);
    }
  }

  private static ObjectNode stamped(ObjectNode obj, long rev) {
    ObjectNode o = obj.deepCopy();
    Json.meta(o).put("resourceVersion", Long.toString(rev));
    return o;
  }
}
