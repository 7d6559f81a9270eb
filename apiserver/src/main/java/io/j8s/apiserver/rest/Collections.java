package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/** list (with selectors and chunking), watch and deletecollection. */
final class Collections {
  private final ObjectStore store;
  private final Watches watches;

  Collections(ObjectStore store, WatchCache cache) {
    this.store = store;
    this.watches = new Watches(store, cache);
  }

  void listOrWatch(Exchange ex, ResourceType t, String ns, Responder out) {
    ListOptions o = ListOptions.of(ex, t);
    if (o.watch()) {
      watches.serve(ex, t, ns, o);
      return;
    }
    long at = o.continueKey() != null ? o.continueRevision()
        : "Exact".equals(o.resourceVersionMatch()) ? o.requestedRevision() : 0;
    o.requestedRevision();
    ObjectStore.Page page;
    try {
      page = store.list(t, ns, o.continueKey(), o.limit(), at, o.filter());
    } catch (StorageException.Compacted e) {
      if (o.continueKey() != null) throw ApiException.expired(ListOptions.expiredContinueMessage());
      throw ApiException.expired("Timeout: Too large resource version: " + at + ", current: " + store.backend().currentRevision());
    }
    String cont = page.continueAfter() == null ? null : ListOptions.continueToken(page.continueAfter(), page.revision());
    out.list(ex, t, page.items(), Long.toString(page.revision()), cont, -1);
  }

  void deleteCollection(Exchange ex, ResourceType t, String ns, Deletion deletion, Responder out) {
    ListOptions o = ListOptions.of(ex, t);
    Deletion.Options d = Deletion.Options.of(ex);
    ObjectStore.Page page = store.list(t, ns, null, 0, 0, o.filter());
    List<ObjectNode> deleted = new ArrayList<>();
    for (ObjectNode obj : page.items()) {
      try {
        deleted.add(deletion.delete(d, t, Json.meta(obj).path("namespace").asText(null), Json.meta(obj).path("name").asText()));
      } catch (ApiException e) {
        if (e.code() != 404) throw e;
      }
    }
    out.list(ex, t, deleted, Long.toString(store.backend().currentRevision()), null, -1);
  }
}
