package io.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.apiserver.errors.ApiException;
import io.j8s.apiserver.store.Json;
import io.j8s.apiserver.store.NamespaceView;
import io.j8s.apiserver.store.ObjectStore;
import io.j8s.apiserver.store.StoredObject;
import io.j8s.storage.StorageException;
import java.util.function.Supplier;

/**
 * The write path shared by create, update, patch and subresources: admission (ServiceAccount
 * admission for new pods: {@link PodServiceAccounts}), then one compare-and-swap against the store. Nothing is stored unless every check passed. A
 * {@link WriteHook} may fill and reserve server-allocated fields (Service addresses).
 */
final class Writes {
  private static final ResourceType NAMESPACES =
      ResourceRegistry.builtins().byPlural("", "v1", "namespaces").orElseThrow();

  private final ObjectStore store;
  private final WriteHook hook;
  private final AdmissionChain admission;
  private final PodServiceAccounts serviceAccounts;

  Writes(ObjectStore store, WriteHook hook) { this(store, hook, AdmissionChain.NONE); }

  Writes(ObjectStore store, WriteHook hook, AdmissionChain admission) {
    this.store = store;
    this.hook = hook;
    this.admission = admission;
    this.serviceAccounts = new PodServiceAccounts(store);
  }

  ObjectStore store() { return store; }

  ObjectNode get(ResourceType t, String ns, String name) {
    return store.get(t, ns, name).orElseThrow(() -> ApiException.notFound(t.group(), t.plural(), name));
  }

  /** As stored, for answering a GET without parsing. */
  StoredObject getStored(ResourceType t, String ns, String name) {
    return store.getStored(t, ns, name).orElseThrow(() -> ApiException.notFound(t.group(), t.plural(), name));
  }

  /**
   * Create an admitted-but-not-defaulted object (kind checked, unknown fields handled). The
   * defaulted model object is serialized once, straight to the stored JSON, which also makes
   * the response.
   */
  StoredObject create(ResourceType t, String ns, ObjectNode obj, boolean dryRun) {
    ObjectMeta.resolveName(obj);
    String name = Json.meta(obj).path("name").asText("");
    checkNamespaceOpen(t, ns, name);
    KindRules.beforeCreate(t, obj);
    // ServiceAccount admission mutates before validation; a missing account is refused after it (an invalid pod gets its 422)
    ApiException noAccount = isPod(t) ? serviceAccounts.admit(ns, obj) : null;
    ObjectMeta.onCreate(obj, t.namespaced() ? ns : null);
    HasMetadata admitted = Admission.admit(t, obj, null, o -> admission.mutate(t, ns, o, null));
    if (noAccount != null) throw noAccount;
    WriteHook.Finish checked = admission.validate(t, ns, admitted, null, dryRun);
    boolean handed = false;
    try {
      if (!hook.appliesTo(t)) {
        if (dryRun) return StoredObject.unsaved(Admission.tree(admitted));
        handed = true;
        return stored(checked, () -> store.create(t, ns, name, Admission.storedJson(admitted)));
      }
      ObjectNode canonical = Admission.tree(admitted);
      WriteHook.Finish claims = hook.claim(t, canonical, null, dryRun);
      if (dryRun) return StoredObject.unsaved(canonical);
      handed = true;
      return stored(both(claims, checked), () -> store.create(t, ns, name, canonical));
    } catch (StorageException.KeyExists e) {
      throw ApiException.alreadyExists(t.group(), t.plural(), name);
    } finally {
      if (!handed) checked.done(false);
    }
  }

  /** Tells {@code first}, then {@code last} (admission, which may hold a lock until told). */
  private static WriteHook.Finish both(WriteHook.Finish first, WriteHook.Finish last) {
    return stored -> {
      try {
        first.done(stored);
      } finally {
        last.done(stored);
      }
    };
  }

  /**
   * Replace {@code current} (as read, with its resourceVersion) by {@code obj}.
   * A resourceVersion in obj must match current's.
   */
  ObjectNode update(ResourceType t, String ns, ObjectNode current, ObjectNode obj, boolean dryRun) {
    return update(t, ns, current, obj, dryRun, true);
  }

  /**
   * @param checkTransition false for server-made changes a client may not make (pods/binding
   *                        setting spec.nodeName): the result is validated as an object only
   */
  ObjectNode update(ResourceType t, String ns, ObjectNode current, ObjectNode obj, boolean dryRun, boolean checkTransition) {
    String name = Json.meta(current).path("name").asText();
    String wanted = ObjectMeta.rv(obj);
    if (!wanted.isEmpty() && !wanted.equals(ObjectMeta.rv(current))) throw modified(t, name);
    KindRules.beforeUpdate(t, obj);
    hook.prepareUpdate(t, obj, current);
    ObjectMeta.onUpdate(obj, current);
    HasMetadata typed = Admission.admit(t, obj, checkTransition ? current : null, o -> admission.mutate(t, ns, o, current));
    ObjectNode validated = Admission.tree(typed);
    if (ObjectMeta.deleting(validated) && !ObjectMeta.hasFinalizers(validated) && !namespaceFinalizers(validated)) {
      if (dryRun) return validated;
      return removeNow(t, ns, name, ObjectMeta.rvLong(current));
    }
    WriteHook.Finish checked = admission.validate(t, ns, typed, current, dryRun);
    boolean handed = false;
    try {
      ObjectNode canonical = checked == WriteHook.Finish.NOTHING ? validated : Admission.tree(typed);
      WriteHook.Finish claims = hook.claim(t, canonical, current, dryRun);
      if (dryRun) return withRv(canonical, ObjectMeta.rv(current));
      handed = true;
      if (canonical.equals(withRv(current.deepCopy(), null))) return stored(both(claims, checked), () -> current);
      return stored(both(claims, checked), () -> store.update(t, ns, name, canonical, ObjectMeta.rvLong(current)));
    } catch (StorageException.Conflict e) {
      throw modified(t, name);
    } catch (StorageException.NotFound e) {
      throw ApiException.notFound(t.group(), t.plural(), name);
    } finally {
      if (!handed) checked.done(false);
    }
  }

  /** Deletes now, the object's last state (with the delete's resourceVersion) returned. */
  ObjectNode removeNow(ResourceType t, String ns, String name, long expectedRev) {
    try {
      ObjectNode last = store.delete(t, ns, name, expectedRev);
      hook.deleted(t, last);
      return last;
    } catch (StorageException.Conflict e) {
      throw modified(t, name);
    } catch (StorageException.NotFound e) {
      throw ApiException.notFound(t.group(), t.plural(), name);
    }
  }

  /** Runs the store write and tells the hook's claims whether it stored the object. */
  private static <T> T stored(WriteHook.Finish claims, Supplier<T> write) {
    boolean ok = false;
    try {
      T result = write.get();
      ok = true;
      return result;
    } finally {
      claims.done(ok);
    }
  }

  private static boolean isPod(ResourceType t) { return t.group().isEmpty() && t.kind().equals("Pod"); }

  /** A Namespace is also held by its spec.finalizers, which the namespace controller clears. */
  private static boolean namespaceFinalizers(ObjectNode obj) {
    return "Namespace".equals(obj.path("kind").asText()) && !obj.path("spec").path("finalizers").isEmpty();
  }

  static ApiException modified(ResourceType t, String name) {
    return ApiException.conflict(t.group(), t.plural(), name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  private static ObjectNode withRv(ObjectNode o, String rv) {
    if (rv == null) Json.meta(o).remove("resourceVersion"); else Json.meta(o).put("resourceVersion", rv);
    return o;
  }

  private void checkNamespaceOpen(ResourceType t, String ns, String name) {
    if (!t.namespaced()) return;
    NamespaceView.State state = store.namespaces().state(ns, () -> store.getStored(NAMESPACES, null, ns));
    if (state == NamespaceView.State.ABSENT) throw ApiException.notFound("", "namespaces", ns);
    if (state == NamespaceView.State.TERMINATING) {
      throw ApiException.forbidden(t.plural() + " \"" + name + "\" is forbidden: unable to create new content in namespace "
          + ns + " because it is being terminated");
    }
  }
}
