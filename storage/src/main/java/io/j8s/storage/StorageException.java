package io.j8s.storage;

/** Base of the datastore's failures. Drivers wrap I/O problems in it. */
public sealed class StorageException extends RuntimeException
    permits StorageException.KeyExists, StorageException.Conflict, StorageException.NotFound,
        StorageException.Compacted, StorageException.Unavailable, StorageException.Unreadable {

  StorageException(String message, Throwable cause) { super(message, cause); }

  /** create() on a key that exists. */
  public static final class KeyExists extends StorageException {
    public KeyExists(String key) { super("key already exists: " + key, null); }
  }

  /** update()/delete() whose expected revision is not the key's current modRevision. */
  public static final class Conflict extends StorageException {
    private final KeyValue current;
    public Conflict(String key, long expected, KeyValue current) {
      super("revision mismatch on " + key + ": expected " + expected + ", is "
          + (current == null ? "absent" : current.modRevision()), null);
      this.current = current;
    }
    /** the key's current value, or null when it no longer exists */
    public KeyValue current() { return current; }
  }

  /** update()/delete() on a key that does not exist. */
  public static final class NotFound extends StorageException {
    public NotFound(String key) { super("key not found: " + key, null); }
  }

  /** A read or watch at a revision older than the compacted revision. */
  public static final class Compacted extends StorageException {
    private final long compactRevision;
    public Compacted(long requested, long compactRevision) {
      super("revision " + requested + " has been compacted (oldest available is "
          + (compactRevision + 1) + ")", null);
      this.compactRevision = compactRevision;
    }
    public long compactRevision() { return compactRevision; }
  }

  /** The backend cannot be reached or failed an I/O operation. */
  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) { super(message, cause); }
  }

  /**
   * A stored value that cannot be turned back into what was written: encrypted with a key this
   * server does not hold, or altered. The message names the key and what to do.
   */
  public static final class Unreadable extends StorageException {
    private final String key;
    public Unreadable(String key, String message) {
      super(message, null);
      this.key = key;
    }
    /** the storage key whose value could not be read */
    public String key() { return key; }
  }
}
