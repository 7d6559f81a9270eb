package io.j8s.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.controllers.runtime.Informers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Informers over every kind in the registry (one per kind, its preferred version), flattened
 * into {@link ObjectRef} snapshots for the planners. Sets a dirty flag on every change.
 */
public final class ObjectCache implements AutoCloseable {
  /** Kinds served twice (older versions) are watched once. */
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<ResourceType> types = new ArrayList<>();
  private final AtomicBoolean dirty = new AtomicBoolean(true);

  public ObjectCache(KubernetesClient client, ResourceRegistry registry) {
    Set<String> seen = new HashSet<>();
    for (ResourceType t : registry.all()) {
      if (t.createOnly() || !seen.add(t.group() + "/" + t.kind())) continue;
      SharedIndexInformer<GenericKubernetesResource> inf =
          client.genericKubernetesResources(t.apiVersion(), t.kind()).inAnyNamespace().runnableInformer(0);
      inf.exceptionHandler(Informers::retry);
      inf.addEventHandler(new ResourceEventHandler<>() {
        @Override public void onAdd(GenericKubernetesResource o) { dirty.set(true); }
        @Override public void onUpdate(GenericKubernetesResource a, GenericKubernetesResource b) { dirty.set(true); }
        @Override public void onDelete(GenericKubernetesResource o, boolean unknown) { dirty.set(true); }
      });
      informers.add(inf);
      types.add(t);
    }
  }

  /** Kind names the cache watches. */
  public Set<String> kinds() {
    Set<String> k = new HashSet<>();
    types.forEach(t -> k.add(t.kind()));
    return k;
  }

  public void start() { informers.forEach(SharedIndexInformer::start); }

  public boolean synced() { return informers.stream().allMatch(SharedIndexInformer::hasSynced); }

  /** True (once) when something changed since the last call. */
  public boolean takeDirty() { return dirty.getAndSet(false); }

  public void markDirty() { dirty.set(true); }

  /** Every cached object. */
  public List<ObjectRef> snapshot() {
    List<ObjectRef> out = new ArrayList<>();
    for (int i = 0; i < informers.size(); i++) {
      ResourceType t = types.get(i);
      for (GenericKubernetesResource r : informers.get(i).getStore().list()) out.add(ref(t, r));
    }
    return out;
  }

  static ObjectRef ref(ResourceType t, GenericKubernetesResource r) {
    var m = r.getMetadata();
    List<ObjectRef.Owner> owners = new ArrayList<>();
    if (m.getOwnerReferences() != null) {
      for (OwnerReference o : m.getOwnerReferences()) owners.add(new ObjectRef.Owner(o.getUid(), o.getKind(), Boolean.TRUE.equals(o.getBlockOwnerDeletion())));
    }
    return new ObjectRef(t.apiVersion(), t.kind(), t.namespaced() ? m.getNamespace() : null, m.getName(), m.getUid(),
        m.getDeletionTimestamp() != null, m.getFinalizers() == null ? List.of() : List.copyOf(m.getFinalizers()), List.copyOf(owners));
  }

  @Override public void close() { informers.forEach(SharedIndexInformer::close); }
}
