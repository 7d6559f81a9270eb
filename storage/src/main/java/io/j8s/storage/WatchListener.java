package io.j8s.storage;

import java.util.List;

/**
 * Receives a watch's events. Calls for one watch never overlap and arrive in revision order;
 * each batch holds the events of one or more whole revisions.
 */
public interface WatchListener {
  void onEvents(List<Event> events);

  /**
   * The watch ended on the backend's side (compaction overtook it, the backend closed, the
   * connection was lost). No more events follow.
   */
  default void onClosed(StorageException cause) {}
}
