package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.CacheFeed;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.Backend;

/**
 * Keeps a {@link PolicyIndex} current from the API server's own watch cache (a {@link CacheFeed}
 * over the RBAC key prefix): every request is decided without a datastore read.
 */
public final class IndexFeed implements AutoCloseable {
  static final String PREFIX = "/registry/rbac.authorization.k8s.io/";

  private final CacheFeed<PolicyIndex> feed;

  private IndexFeed(Backend backend, WatchCache cache) {
    this.feed = CacheFeed.start("rbac-index", PREFIX, backend, cache, new CacheFeed.Target<>() {
      @Override public PolicyIndex fresh() { return new PolicyIndex(); }

      @Override public void put(PolicyIndex index, String key, ObjectNode obj) { apply(index, key, obj); }

      @Override public void remove(PolicyIndex index, String key) { IndexFeed.remove(index, key); }
    });
  }

  /** Lists and subscribes before returning: the index is complete as of now. */
  public static IndexFeed start(Backend backend, WatchCache cache) {
    return new IndexFeed(backend, cache);
  }

  /** The current index; a relist builds a new one and swaps it in whole. */
  public PolicyIndex index() { return feed.state(); }

  /** Key: PREFIX + resource + "/" + [ns + "/"] + name. */
  private static void apply(PolicyIndex index, String key, ObjectNode obj) {
    String[] p = key.substring(PREFIX.length()).split("/");
    switch (p[0]) {
      case "roles" -> index.putRole(p[1], p[2], obj);
      case "clusterroles" -> index.putRole("", p[1], obj);
      case "rolebindings" -> index.putBinding(p[1], p[2], obj);
      case "clusterrolebindings" -> index.putBinding("", p[1], obj);
      default -> { }
    }
  }

  private static void remove(PolicyIndex index, String key) {
    String[] p = key.substring(PREFIX.length()).split("/");
    switch (p[0]) {
      case "roles" -> index.removeRole(p[1], p[2]);
      case "clusterroles" -> index.removeRole("", p[1]);
      case "rolebindings" -> index.removeBinding(p[1], p[2]);
      case "clusterrolebindings" -> index.removeBinding("", p[1]);
      default -> { }
    }
  }

  @Override public void close() { feed.close(); }
}
