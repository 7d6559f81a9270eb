package io.j8s.storage;

import java.util.Optional;

/**
 * A revisioned key-value store in the manner of kine: every successful write gets the next
 * global revision; reads may be served at a past revision until it is compacted.
 *
 * <p>All methods are blocking and thread-safe. Keys are '/'-separated strings; a prefix given
 * to {@link #list} or {@link #watch} is matched literally (callers end it with '/').
 */
public interface Backend extends AutoCloseable {

  /** The newest revision written (0 for an empty store). */
  long currentRevision();

  /** The newest compacted revision (0 if never compacted). Reads below or at it fail. */
  long compactRevision();

  /** The key's current value. */
  Optional<KeyValue> get(String key);

  /**
   * Creates a key that does not exist.
   *
   * @return the new revision
   * @throws StorageException.KeyExists if the key exists
   */
  long create(String key, byte[] value);

  /**
   * Replaces a key's value if its modRevision is {@code expectedRevision}.
   *
   * @return the new revision
   * @throws StorageException.NotFound if the key does not exist
   * @throws StorageException.Conflict if the key's modRevision differs
   */
  long update(String key, byte[] value, long expectedRevision);

  /**
   * Deletes a key if its modRevision is {@code expectedRevision} (0 means any).
   *
   * @return the deleted value, with modRevision set to the delete's revision
   * @throws StorageException.NotFound if the key does not exist
   * @throws StorageException.Conflict if the key's modRevision differs
   */
  KeyValue delete(String key, long expectedRevision);

  /**
   * Lists keys under a prefix in key order.
   *
   * @param startAfter list only keys strictly greater than this (a continue token), or null
   * @param limit      at most this many items (0 = no limit)
   * @param revision   read the state as of this revision (0 = current)
   * @throws StorageException.Compacted if revision is at or below the compacted revision
   */
  ListResult list(String prefix, String startAfter, int limit, long revision);

  /** Number of keys under a prefix now. */
  long count(String prefix);

  /**
   * Watches keys under a prefix for changes with revision &gt; {@code afterRevision}.
   * Events already in the log after that revision are delivered first, then live ones.
   *
   * @throws StorageException.Compacted if afterRevision is below the compacted revision
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /**
   * Drops history at or below {@code revision}: superseded values and delete markers. The
   * current value of every live key survives whatever its revision.
   */
  void compact(long revision);

  @Override void close();
}
