package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.api.table.TableConverter;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.CachedEvent;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.WatchCache;
import io.j8s.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch stream: newline-delimited JSON events over chunked HTTP (or one event per WebSocket
 * message). Starts with synthetic ADDED events for the current state when no resourceVersion
 * (or "0") is given; a resourceVersion no longer held ends in an ERROR event with a 410
 * Expired Status, which makes clients relist. Objects that stop (start) matching the selectors
 * are reported DELETED (ADDED), as upstream does.
 */
final class Watches {
  private static final Logger LOG = LoggerFactory.getLogger(Watches.class);
  static final long BOOKMARK_MILLIS = 15_000;
  private final ObjectStore store;
  private final WatchCache cache;

  Watches(ObjectStore store, WatchCache cache) {
    this.store = store;
    this.cache = cache;
  }

  void serve(Exchange ex, ResourceType t, String ns, ListOptions o) {
    Responder.Format format = Responder.format(ex);
    String prefix = t.keyPrefix(ns);
    Predicate<ObjectNode> filter = o.filter();
    long requested = o.requestedRevision();
    long timeoutMillis = (o.timeoutSeconds() > 0 ? o.timeoutSeconds() : 1800 + ThreadLocalRandom.current().nextLong(1800)) * 1000;
    List<ObjectNode> initial = List.of();
    long after = requested;
    if (requested == 0) {
      ObjectStore.Page page = store.list(t, ns, null, 0, 0, filter);
      initial = page.items();
      after = page.revision();
    }
    WatchCache.Subscription sub;
    try {
      sub = cache.subscribe(prefix, after);
    } catch (StorageException.Compacted e) {
      Exchange.Stream s = ex.stream("application/json");
      s.write(event("ERROR", ApiException.expired("too old resource version: " + requested + " (" + e.compactRevision() + ")").toStatus()));
      s.close();
      return;
    }
    Encoder enc = new Encoder(t, format, Responder.includeObject(ex));
    boolean everything = o.selectsEverything();
    try (sub; Exchange.Stream s = ex.stream("application/json")) {
      for (ObjectNode o2 : initial) s.write(enc.event("ADDED", o2));
      long deadline = System.currentTimeMillis() + timeoutMillis;
      long nextBookmark = System.currentTimeMillis() + BOOKMARK_MILLIS;
      AtomicLong lastSent = new AtomicLong(after);
      // once caught up, events are written from the watch cache's thread as they come (no
      // thread wakes per event); this thread keeps the timers and takes over when the client
      // reads slowly (the sink refuses while the channel is not writable)
      WatchCache.Sink direct = e -> {
        if (!s.open() || !s.writable()) return false;
        try {
          send(s, enc, e, filter, everything);
        } catch (RuntimeException ex2) {
          return false;
        }
        lastSent.set(e.revision());
        return true;
      };
      try {
        while (s.open()) {
          long now = System.currentTimeMillis();
          if (now >= deadline) break;
          if (sub.idle()) sub.attach(direct);
          Object next = sub.poll(Math.min(deadline, nextBookmark) - now);
          if (next instanceof WatchCache.End) break;
          if (next instanceof CachedEvent e) {
            send(s, enc, e, filter, everything);
            lastSent.set(e.revision());
            s.awaitWritable(10_000);
          }
          if (System.currentTimeMillis() >= nextBookmark) {
            // the timer runs for every watch: left unadvanced it would make poll() return at once, forever
            if (o.bookmarks()) {
              sub.detach(); // no event is written meanwhile: the bookmark must not overtake one
              long latest = cache.latestRevision();
              s.write(enc.bookmark(sub.idle() ? Math.max(lastSent.get(), latest) : lastSent.get()));
            }
            nextBookmark = System.currentTimeMillis() + BOOKMARK_MILLIS;
          }
        }
      } finally {
        sub.detach(); // before the stream ends: nothing may be written after its last chunk
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the event as this watcher sees it through its selectors (or nothing). */
  private static void send(Exchange.Stream s, Encoder enc, CachedEvent e, Predicate<ObjectNode> filter, boolean everything) {
    String type;
    try {
      type = everything ? typeFor(e) : typeFor(e, filter);
    } catch (UncheckedIOException ex) {
      LOG.warn("skipping undecodable event at {}: {}", e.key(), ex.getMessage());
      return;
    }
    if (type != null) s.write(enc.event(type, e));
  }

  /** The event type a watcher without selectors sees. */
  static String typeFor(CachedEvent e) {
    return switch (e.type()) {
      case CREATE -> "ADDED";
      case DELETE -> "DELETED";
      case UPDATE -> "MODIFIED";
    };
  }

  /** The event type a filtered watcher sees, or null to skip. */
  static String typeFor(CachedEvent e, Predicate<ObjectNode> filter) {
    boolean now = filter.test(e.object());
    boolean before = e.prev() != null && filter.test(e.prev());
    return switch (e.type()) {
      case CREATE -> now ? "ADDED" : null;
      case DELETE -> now || before ? "DELETED" : null;
      case UPDATE -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
    };
  }

  static byte[] event(String type, JsonNode obj) {
    ObjectNode ev = JsonNodeFactory.instance.objectNode();
    ev.put("type", type);
    ev.set("object", obj);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(Json.bytes(ev));
    b.write('\n');
    return b.toByteArray();
  }

  /** The same bytes as {@link #event(String, JsonNode)}, around an object's JSON as it is. */
  static byte[] event(String type, byte[] objectJson) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(objectJson.length + 32);
    b.writeBytes(("{\"type\":\"" + type + "\",\"object\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.writeBytes(objectJson);
    b.write('}');
    b.write('\n');
    return b.toByteArray();
  }

  /** Renders objects in the requested format; tables carry column definitions once. */
  private static final class Encoder {
    private final ResourceType t;
    private final Responder.Format format;
    private final String include;
    private boolean columnsSent;

    Encoder(ResourceType t, Responder.Format format, String include) {
      this.t = t;
      this.format = format;
      this.include = include;
    }

    /** Plain JSON lines are the same for every watcher: rendered once per change and type. */
    byte[] event(String type, CachedEvent e) {
      if (format == Responder.Format.JSON) return e.encoded(type, ce -> Watches.event(type, ce.current().json()));
      return event(type, e.object());
    }

    byte[] event(String type, ObjectNode obj) {
      return Watches.event(type, switch (format) {
        case JSON -> obj;
        case METADATA -> Responder.partial(obj);
        case TABLE -> {
          ObjectNode table = TableConverter.toTable(t, List.of(obj), include, Instant.now(), Json.meta(obj).path("resourceVersion").asText(), null);
          if (columnsSent) table.putArray("columnDefinitions");
          columnsSent = true;
          yield table;
        }
      });
    }

    byte[] bookmark(long rev) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("kind", format == Responder.Format.JSON ? t.kind() : format == Responder.Format.TABLE ? "Table" : "PartialObjectMetadata");
      o.put("apiVersion", format == Responder.Format.JSON ? t.apiVersion() : "meta.k8s.io/v1");
      o.putObject("metadata").put("resourceVersion", Long.toString(rev));
      return Watches.event("BOOKMARK", o);
    }
  }
}
