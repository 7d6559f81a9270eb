package io.j8s.apiserver.services;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.apiserver.store.Json;
import io.j8s.storage.Backend;
import io.j8s.storage.KeyValue;
import io.j8s.storage.ListResult;
import io.j8s.storage.StorageException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Allocation claims in the datastore: one key per allocated value, created only if absent, so
 * two API servers (or two requests) can never hold the same IP or port. The value names the
 * owning Service and when it was claimed (repair spares young claims of in-flight writes).
 */
final class Claims {
  static final String IPS = "/registry/j8s.io/serviceips/";
  static final String PORTS = "/registry/j8s.io/servicenodeports/";

  /** One claim as stored; {@code revision} is its modRevision, for a compare-and-delete. */
  record Claim(String value, String owner, String uid, long claimedAtMillis, long revision) {}

  private final Backend backend;
  private final Clock clock;

  Claims(Backend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
  }

  /** Claims {@code prefix+value} for the Service; false if someone holds it. */
  boolean claim(String prefix, String value, String owner, String uid) {
    ObjectNode v = JsonNodeFactory.instance.objectNode().put("owner", owner).put("uid", uid).put("claimedAt", clock.millis());
    try {
      backend.create(prefix + value, Json.bytes(v));
      return true;
    } catch (StorageException.KeyExists e) {
      return false;
    }
  }

  boolean taken(String prefix, String value) { return backend.get(prefix + value).isPresent(); }

  Optional<Claim> get(String prefix, String value) { return backend.get(prefix + value).map(kv -> decode(prefix, kv)); }

  /** Gives a value back; absent is fine (released already, or by repair). */
  void release(String prefix, String value) {
    try {
      backend.delete(prefix + value, 0);
    } catch (StorageException.NotFound e) {
      // already free
    }
  }

  /** Releases a claim only if it is still the one read (at {@code revision}). */
  boolean releaseIfUnchanged(String prefix, Claim c) {
    try {
      backend.delete(prefix + c.value(), c.revision());
      return true;
    } catch (StorageException.NotFound | StorageException.Conflict e) {
      return false;
    }
  }

  List<Claim> list(String prefix) {
    List<Claim> out = new ArrayList<>();
    String after = null;
    while (true) {
      ListResult r = backend.list(prefix, after, 1000, 0);
      for (KeyValue kv : r.items()) {
        out.add(decode(prefix, kv));
        after = kv.key();
      }
      if (!r.more()) return out;
    }
  }

  private static Claim decode(String prefix, KeyValue kv) {
    String value = kv.key().substring(prefix.length());
    try {
      ObjectNode o = Json.parseObject(kv.value());
      return new Claim(value, o.path("owner").asText(""), o.path("uid").asText(""), o.path("claimedAt").asLong(0), kv.modRevision());
    } catch (IOException e) {
      return new Claim(value, "", "", 0, kv.modRevision());
    }
  }
}
