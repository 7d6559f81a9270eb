package io.j8s.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.controllers.gc.GcAction;
import io.j8s.controllers.gc.GcPlanner;
import io.j8s.controllers.namespace.NamespacePlanner;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector and the namespace controller over one cache of every kind: plan on
 * every change (and every 10 s), apply, repeat. Conflicts and races resolve on the next round.
 */
final class CleanupLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CleanupLoop.class);
  private final KubernetesClient client;
  private final ObjectCache cache;
  private volatile boolean running = true;
  private Thread loop;

  CleanupLoop(KubernetesClient client) {
    this.client = client;
    this.cache = new ObjectCache(client, ResourceRegistry.builtins());
  }

  CleanupLoop start() {
    cache.start();
    loop = Thread.ofVirtual().name("cleanup-loop").start(this::run);
    return this;
  }

  private void run() {
    long lastFull = 0;
    while (running) {
      try {
        Thread.sleep(200);
        boolean periodic = System.currentTimeMillis() - lastFull > 10_000;
        if (!cache.synced() || !(cache.takeDirty() || periodic)) continue;
        lastFull = System.currentTimeMillis();
        List<ObjectRef> snapshot = cache.snapshot();
        for (GcAction a : GcPlanner.plan(snapshot, cache.kinds())) apply(a);
        for (NamespacePlanner.Action a : NamespacePlanner.plan(snapshot)) apply(a);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("controller round failed, retrying: {}", e.toString());
        cache.markDirty();
      }
    }
  }

  private Resource<GenericKubernetesResource> resource(ObjectRef o) {
    var op = client.genericKubernetesResources(o.apiVersion(), o.kind());
    return o.namespace() == null ? op.withName(o.name()) : op.inNamespace(o.namespace()).withName(o.name());
  }

  private void apply(GcAction a) {
    try {
      switch (a) {
        case GcAction.Delete d -> resource(d.target()).withPropagationPolicy(DeletionPropagation.valueOf(d.propagation().toUpperCase())).delete();
        case GcAction.RemoveOwnerRef r -> resource(r.target()).edit(o -> {
          List<OwnerReference> refs = new ArrayList<>(o.getMetadata().getOwnerReferences());
          refs.removeIf(x -> x.getUid().equals(r.ownerUid()));
          o.getMetadata().setOwnerReferences(refs);
          return o;
        });
        case GcAction.RemoveFinalizer f -> resource(f.target()).edit(o -> {
          List<String> fs = new ArrayList<>(o.getMetadata().getFinalizers());
          fs.remove(f.finalizer());
          o.getMetadata().setFinalizers(fs);
          return o;
        });
      }
      LOG.info("garbage collector: {}", a);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) LOG.warn("garbage collector: {} failed", a, e);
      cache.markDirty();
    }
  }

  private void apply(NamespacePlanner.Action a) {
    try {
      switch (a) {
        case NamespacePlanner.Action.DeleteContent d -> resource(d.target()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        case NamespacePlanner.Action.Finalize f -> {
          var ns = client.namespaces().withName(f.namespace()).get();
          if (ns == null) return;
          ns.getSpec().setFinalizers(List.of());
          client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + f.namespace() + "/finalize",
              "PUT", ns);
        }
      }
      LOG.info("namespace controller: {}", a);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) LOG.warn("namespace controller: {} failed", a, e);
      cache.markDirty();
    }
  }

  @Override public void close() {
    running = false;
    if (loop != null) loop.interrupt();
    cache.close();
  }
}
