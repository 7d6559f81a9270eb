package io.j8s.storage;

/** A running watch; closing it stops delivery. Idempotent. */
public interface Watch extends AutoCloseable {
  @Override void close();
}
