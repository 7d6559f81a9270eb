package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Keys;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Factories for {@code ControllerManager.CONTROLLERS}: the ReplicaSet and Deployment controllers and their informer wiring. */
public final class WorkloadControllers {
  private static final int WORKERS = 5;

  private WorkloadControllers() {}

  public static Controller replicaSets(ControllerContext ctx) {
    SharedIndexInformer<ReplicaSet> rsInf = ctx.informers().of(ReplicaSet.class);
    SharedIndexInformer<Pod> podInf = ctx.informers().of(Pod.class);
    var reconciler = new ReplicaSetReconciler(ctx.client(), rsInf, podInf, ctx.events(), ctx.clock());
    Controller c = new Controller("replicaset-controller", WORKERS, ctx.clock(), reconciler);
    c.watchSelf(rsInf);
    Expectations exp = reconciler.expectations;
    podInf.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Pod p) {
        if (OwnerRefs.deleting(p)) {
          onDelete(p, false);
          return;
        }
        String key = ownerKey(p, "ReplicaSet");
        if (key != null) {
          exp.creationObserved(key);
          c.enqueue(key);
        } else {
          matching(rsInf, p, rs -> rs.getSpec().getSelector(), c::enqueue);
        }
      }

      @Override public void onUpdate(Pod before, Pod after) {
        if (OwnerRefs.deleting(after)) {
          String key = ownerKey(after, "ReplicaSet");
          if (key != null) exp.deletionObserved(key, Keys.of(after));
        }
        String was = ownerKey(before, "ReplicaSet");
        String is = ownerKey(after, "ReplicaSet");
        if (was != null && !was.equals(is)) c.enqueue(was);
        if (is != null) c.enqueue(is);
        else matching(rsInf, after, rs -> rs.getSpec().getSelector(), c::enqueue);
        if (is != null && !java.util.Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
          matching(rsInf, after, rs -> rs.getSpec().getSelector(), c::enqueue);
        }
      }

      @Override public void onDelete(Pod p, boolean unknown) {
        String key = ownerKey(p, "ReplicaSet");
        if (key == null) return;
        exp.deletionObserved(key, Keys.of(p));
        c.enqueue(key);
      }
    });
    return c;
  }

  public static Controller deployments(ControllerContext ctx) {
    SharedIndexInformer<Deployment> dInf = ctx.informers().of(Deployment.class);
    SharedIndexInformer<ReplicaSet> rsInf = ctx.informers().of(ReplicaSet.class);
    SharedIndexInformer<Pod> podInf = ctx.informers().of(Pod.class);
    var reconciler = new DeploymentReconciler(ctx.client(), dInf, rsInf, podInf, ctx.events(), ctx.clock());
    Controller c = new Controller("deployment-controller", WORKERS, ctx.clock(), reconciler);
    c.watchSelf(dInf);
    rsInf.addEventHandler(handler(rs -> {
      String key = ownerKey(rs, "Deployment");
      if (key != null) c.enqueue(key);
      else matching(dInf, rs, d -> d.getSpec().getSelector(), c::enqueue);
    }));
    // Recreate waits for old pods to go: a pod deletion may unblock its deployment
    podInf.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Pod p) { }

      @Override public void onUpdate(Pod before, Pod after) { }

      @Override public void onDelete(Pod p, boolean unknown) {
        String rsKey = ownerKey(p, "ReplicaSet");
        ReplicaSet rs = rsKey == null ? null : rsInf.getIndexer().getByKey(rsKey);
        String key = rs == null ? null : ownerKey(rs, "Deployment");
        if (key != null) c.enqueue(key);
      }
    });
    return c;
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> on) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(T o) { on.accept(o); }

      @Override public void onUpdate(T before, T after) {
        on.accept(before);
        on.accept(after);
      }

      @Override public void onDelete(T o, boolean unknown) { on.accept(o); }
    };
  }

  /** The key of the object's controller of this kind, or null. */
  static String ownerKey(HasMetadata o, String kind) {
    OwnerReference ref = OwnerRefs.controllerOf(o);
    if (ref == null || !kind.equals(ref.getKind())) return null;
    return Keys.of(o.getMetadata().getNamespace(), ref.getName());
  }

  /** Enqueues every owner in the object's namespace whose selector matches it (an orphan might be adopted). */
  private static <O extends HasMetadata> void matching(SharedIndexInformer<O> owners, HasMetadata o,
      Function<O, io.fabric8.kubernetes.api.model.LabelSelector> selectorOf, Consumer<String> enqueue) {
    Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
    for (O owner : owners.getIndexer().byIndex(Cache.NAMESPACE_INDEX, o.getMetadata().getNamespace())) {
      try {
        var sel = owner.getMetadata() == null ? null : selectorOf.apply(owner);
        if (sel != null && LabelSelector.from(sel).matches(labels)) enqueue.accept(Keys.of(owner));
      } catch (SelectorException | NullPointerException e) {
        // an invalid selector selects nothing
      }
    }
  }
}
