package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.http.Exchange;
import io.j8s.apiserver.store.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * DELETE as upstream: preconditions, propagation policy (Orphan and Foreground add their
 * finalizers), finalizers (mark with deletionTimestamp, remove once they are gone), graceful
 * deletion of pods bound to a node (the kubelet finishes it), Namespaces that terminate (never
 * default, kube-system or kube-public, as upstream's NamespaceLifecycle).
 */
final class Deletion {
  private final Writes writes;

  Deletion(Writes writes) { this.writes = writes; }

  /** Options from the DeleteOptions body, overridden by query parameters. */
  record Options(String propagation, Long gracePeriod, String uid, String resourceVersion, boolean dryRun) {
    static Options of(Exchange ex) {
      JsonNode body = ex.body().length == 0 ? null : BodyDecoder.parse(ex.body(), BodyDecoder.mediaType(ex.header("Content-Type")));
      String prop = body == null ? null : textOrNull(body.get("propagationPolicy"));
      Long grace = body != null && body.hasNonNull("gracePeriodSeconds") ? body.get("gracePeriodSeconds").asLong() : null;
      String uid = body == null ? null : textOrNull(body.path("preconditions").get("uid"));
      String rv = body == null ? null : textOrNull(body.path("preconditions").get("resourceVersion"));
      boolean dry = body != null && body.path("dryRun").isArray() && body.path("dryRun").toString().contains("All");
      if (body != null && body.path("orphanDependents").asBoolean(false) && prop == null) prop = "Orphan";
      if (ex.param("propagationPolicy") != null) prop = ex.param("propagationPolicy");
      if (ex.param("gracePeriodSeconds") != null) {
        try {
          grace = Long.parseLong(ex.param("gracePeriodSeconds"));
        } catch (NumberFormatException e) {
          throw ApiException.badRequest("gracePeriodSeconds must be an integer, not \"" + ex.param("gracePeriodSeconds") + "\"");
        }
      }
      if (prop != null && !List.of("Orphan", "Background", "Foreground").contains(prop)) {
        throw ApiException.badRequest("propagationPolicy must be one of Orphan, Background or Foreground, not \"" + prop + "\"");
      }
      return new Options(prop, grace, uid, rv, dry || ResourceHandler.dryRun(ex));
    }

    private static String textOrNull(JsonNode n) { return n == null || n.isNull() ? null : n.asText(); }
  }

  ObjectNode delete(Exchange ex, ResourceType t, String ns, String name) {
    return delete(Options.of(ex), t, ns, name);
  }

  /** Upstream's NamespaceLifecycle keeps these namespaces forever. */
  static final java.util.Set<String> IMMORTAL = java.util.Set.of("default", "kube-system", "kube-public");

  ObjectNode delete(Options o, ResourceType t, String ns, String name) {
    if (t.kind().equals("Namespace") && t.group().isEmpty() && IMMORTAL.contains(name)) {
      throw ApiException.forbidden("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted", "", "namespaces", name);
    }
    for (int attempt = 0; ; attempt++) {
      ObjectNode cur = writes.get(t, ns, name);
      ObjectNode m = Json.meta(cur);
      if (o.uid() != null && !o.uid().equals(m.path("uid").asText())) {
        throw ApiException.conflict(t.group(), t.plural(), name, "Precondition failed: UID in precondition: " + o.uid()
            + ", UID in object meta: " + m.path("uid").asText());
      }
      if (o.resourceVersion() != null && !o.resourceVersion().equals(ObjectMeta.rv(cur))) {
        throw ApiException.conflict(t.group(), t.plural(), name, "Precondition failed: ResourceVersion in precondition: "
            + o.resourceVersion() + ", ResourceVersion in object meta: " + ObjectMeta.rv(cur));
      }
      try {
        return attempt(o, t, ns, name, cur);
      } catch (ApiException e) {
        if (e.code() != 409 || o.resourceVersion() != null || attempt >= 4) throw e;
      }
    }
  }

  private ObjectNode attempt(Options o, ResourceType t, String ns, String name, ObjectNode cur) {
    ObjectNode next = cur.deepCopy();
    if ("Orphan".equals(o.propagation())) ObjectMeta.addFinalizer(next, "orphan");
    if ("Foreground".equals(o.propagation())) ObjectMeta.addFinalizer(next, "foregroundDeletion");
    if (t.kind().equals("Namespace")) {
      next.with("status").put("phase", "Terminating");
      if (next.path("spec").path("finalizers").isArray() && !next.path("spec").path("finalizers").isEmpty()) {
        return mark(o, t, ns, cur, next, 0);
      }
    }
    long grace = gracePeriod(o, t, cur);
    if (grace > 0 || ObjectMeta.hasFinalizers(next)) return mark(o, t, ns, cur, next, grace);
    if (o.dryRun()) return cur;
    return writes.removeNow(t, ns, name, ObjectMeta.rvLong(cur));
  }

  /** Pods bound to a node get a grace period (the kubelet deletes them); others go at once. */
  private static long gracePeriod(Options o, ResourceType t, ObjectNode cur) {
    if (!t.kind().equals("Pod") || cur.path("spec").path("nodeName").asText("").isEmpty()) return 0;
    String phase = cur.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) return 0;
    if (o.gracePeriod() != null) return Math.max(0, o.gracePeriod());
    return cur.path("spec").path("terminationGracePeriodSeconds").asLong(30);
  }

  private ObjectNode mark(Options o, ResourceType t, String ns, ObjectNode cur, ObjectNode next, long grace) {
    ObjectNode m = Json.meta(next);
    if (!m.hasNonNull("deletionTimestamp")) {
      m.put("deletionTimestamp", Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString());
      m.put("deletionGracePeriodSeconds", grace);
    } else if (grace < m.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE)) {
      m.put("deletionTimestamp", Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString());
      m.put("deletionGracePeriodSeconds", grace);
    }
    if (next.equals(cur)) return cur;
    if (o.dryRun()) return next;
    try {
      return writes.store().update(t, ns, m.path("name").asText(), next, ObjectMeta.rvLong(cur));
    } catch (io.j8s.storage.StorageException.Conflict e) {
      throw Writes.modified(t, m.path("name").asText());
    }
  }
}
