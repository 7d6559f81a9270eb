package io.j8s.storage;

/**
 * A change delivered to watchers, in revision order.
 *
 * @param kv   the key after the change; for {@link Type#DELETE} the value is the last value and
 *             {@code modRevision} is the revision of the delete
 * @param prev the key before the change, or null for a create
 */
public record Event(Type type, KeyValue kv, KeyValue prev) {
  public enum Type { CREATE, UPDATE, DELETE }

  public long revision() { return kv.modRevision(); }
}
