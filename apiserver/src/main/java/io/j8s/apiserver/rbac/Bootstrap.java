package io.j8s.apiserver.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.storage.StorageException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link BootstrapPolicy} in place at server start, idempotently, reconciled as
 * upstream's bootstrap does: absent objects are created; present ones whose annotation
 * {@code rbac.authorization.kubernetes.io/autoupdate} is not "false" get the missing rules
 * (aggregated roles: the missing selectors; their rules belong to the aggregation controller),
 * subjects, labels and annotations added, and nothing removed; a binding whose roleRef differs
 * is recreated.
 */
public final class Bootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  private static final ResourceRegistry REG = ResourceRegistry.builtins();
  static final ResourceType CLUSTER_ROLES = REG.byPlural(EscalationGuard.GROUP, "v1", "clusterroles").orElseThrow();
  static final ResourceType CLUSTER_ROLE_BINDINGS = REG.byPlural(EscalationGuard.GROUP, "v1", "clusterrolebindings").orElseThrow();

  /** What to do with one default object. */
  public sealed interface Step {
    record Create(ObjectNode obj) implements Step {}
    record Update(ObjectNode obj) implements Step {}
    record Recreate(ObjectNode obj) implements Step {}
    record Keep() implements Step {}
  }

  private Bootstrap() {}

  public static void run(ObjectStore store) {
    for (ObjectNode want : BootstrapPolicy.clusterRoles()) apply(store, CLUSTER_ROLES, want, false);
    for (ObjectNode want : BootstrapPolicy.clusterRoleBindings()) apply(store, CLUSTER_ROLE_BINDINGS, want, true);
  }

  private static void apply(ObjectStore store, ResourceType t, ObjectNode want, boolean binding) {
    String name = want.path("metadata").path("name").asText();
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<ObjectNode> have = store.get(t, null, name);
      Step step = binding ? planBinding(have.orElse(null), want) : planRole(have.orElse(null), want);
      try {
        switch (step) {
          case Step.Create c -> store.create(t, null, name, stamp(c.obj()));
          case Step.Update u -> store.update(t, null, name, u.obj(), Long.parseLong(have.get().path("metadata").path("resourceVersion").asText()));
          case Step.Recreate r -> {
            store.delete(t, null, name, Long.parseLong(have.get().path("metadata").path("resourceVersion").asText()));
            store.create(t, null, name, stamp(r.obj()));
          }
          case Step.Keep k -> { }
        }
        if (!(step instanceof Step.Keep)) LOG.info("RBAC bootstrap: {} {} {}", step.getClass().getSimpleName().toLowerCase(), t.kind(), name);
        return;
      } catch (StorageException.KeyExists | StorageException.Conflict | StorageException.NotFound e) {
        // another server raced us: look again
      }
    }
    LOG.warn("RBAC bootstrap: gave up reconciling {} {}", t.kind(), name);
  }

  private static ObjectNode stamp(ObjectNode o) {
    ObjectNode c = o.deepCopy();
    ((ObjectNode) c.get("metadata")).put("uid", UUID.randomUUID().toString())
        .put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    return c;
  }

  /** Pure: what to do for a default ClusterRole given the stored one (null if absent). */
  public static Step planRole(ObjectNode have, ObjectNode want) {
    if (have == null) return new Step.Create(want);
    if (!autoupdate(have)) return new Step.Keep();
    ObjectNode next = have.deepCopy();
    boolean changed = mergeMeta(next, want);
    if (want.has("aggregationRule")) {
      ArrayNode sel = selectors(next);
      for (JsonNode s : want.path("aggregationRule").path("clusterRoleSelectors")) {
        if (!contains(sel, s)) {
          sel.add(s.deepCopy());
          changed = true;
        }
      }
    } else {
      List<Rule> missing = Coverage.missing(Rule.ofRole(have), Rule.ofRole(want));
      if (!missing.isEmpty()) {
        ArrayNode rules = next.has("rules") && next.get("rules").isArray() ? (ArrayNode) next.get("rules") : next.putArray("rules");
        for (Rule r : Coverage.compact(missing)) rules.add(r.toJson());
        changed = true;
      }
    }
    return changed ? new Step.Update(next) : new Step.Keep();
  }

  /** Pure: what to do for a default ClusterRoleBinding given the stored one (null if absent). */
  public static Step planBinding(ObjectNode have, ObjectNode want) {
    if (have == null) return new Step.Create(want);
    if (!autoupdate(have)) return new Step.Keep();
    ObjectNode next = have.deepCopy();
    boolean changed = mergeMeta(next, want);
    ArrayNode subjects = next.has("subjects") && next.get("subjects").isArray() ? (ArrayNode) next.get("subjects") : next.putArray("subjects");
    for (JsonNode s : want.path("subjects")) {
      if (!contains(subjects, s)) {
        subjects.add(s.deepCopy());
        changed = true;
      }
    }
    if (!have.path("roleRef").equals(want.path("roleRef"))) {
      next.set("roleRef", want.get("roleRef").deepCopy());
      ((ObjectNode) next.get("metadata")).remove(List.of("uid", "resourceVersion", "creationTimestamp"));
      return new Step.Recreate(next);
    }
    return changed ? new Step.Update(next) : new Step.Keep();
  }

  private static boolean autoupdate(ObjectNode o) {
    return !"false".equals(o.path("metadata").path("annotations").path(BootstrapPolicy.AUTOUPDATE).asText(""));
  }

  private static ArrayNode selectors(ObjectNode role) {
    ObjectNode agg = role.has("aggregationRule") && role.get("aggregationRule").isObject()
        ? (ObjectNode) role.get("aggregationRule") : role.putObject("aggregationRule");
    return agg.has("clusterRoleSelectors") && agg.get("clusterRoleSelectors").isArray()
        ? (ArrayNode) agg.get("clusterRoleSelectors") : agg.putArray("clusterRoleSelectors");
  }

  private static boolean contains(ArrayNode a, JsonNode v) {
    for (JsonNode e : a) if (e.equals(v)) return true;
    return false;
  }

  /** Adds wanted labels and annotations that are missing; true if any was. */
  private static boolean mergeMeta(ObjectNode next, ObjectNode want) {
    boolean changed = false;
    ObjectNode m = (ObjectNode) next.get("metadata");
    for (String field : List.of("labels", "annotations")) {
      ObjectNode target = m.has(field) && m.get(field).isObject() ? (ObjectNode) m.get(field) : null;
      Iterator<Map.Entry<String, JsonNode>> it = want.path("metadata").path(field).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (target == null) target = m.putObject(field);
        if (!target.has(e.getKey())) {
          target.set(e.getKey(), e.getValue());
          changed = true;
        }
      }
    }
    return changed;
  }

  static List<String> names(List<ObjectNode> objs) {
    List<String> out = new ArrayList<>();
    for (ObjectNode o : objs) out.add(o.path("metadata").path("name").asText());
    return out;
  }
}
