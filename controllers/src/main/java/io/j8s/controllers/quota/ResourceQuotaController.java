package io.j8s.controllers.quota;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.api.quota.QuotaUsage;
import io.j8s.api.registry.ResourceRegistry;
import io.j8s.api.registry.ResourceType;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Recounts one quota (key {@code namespace/name}) from live lists and writes its status when it changed. */
public final class ResourceQuotaController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceQuotaController.class);
  /** Every quota is recounted at least this often. */
  public static final Duration RESYNC = Duration.ofMinutes(5);

  private final ControllerContext ctx;
  private final SharedIndexInformer<ResourceQuota> quotas;
  private final Map<QuotaUsage.Resource, Optional<ResourceType>> types = new ConcurrentHashMap<>();
  private Controller controller;

  private ResourceQuotaController(ControllerContext ctx) {
    this.ctx = ctx;
    this.quotas = ctx.informers().of(ResourceQuota.class);
  }

  public static Controller create(ControllerContext ctx) {
    ResourceQuotaController r = new ResourceQuotaController(ctx);
    Controller c = new Controller("resourcequota", 2, ctx.clock(), r).watchSelf(r.quotas);
    r.controller = c;
    ctx.informers().of(Pod.class).addEventHandler(r.freed(Pod.class));
    r.quotas.addEventHandler(r.freed(ResourceQuota.class));
    ctx.informers().of(Service.class).addEventHandler(r.freed(Service.class));
    ctx.informers().of(PersistentVolumeClaim.class).addEventHandler(r.freed(PersistentVolumeClaim.class));
    ctx.informers().of(ConfigMap.class).addEventHandler(r.freed(ConfigMap.class));
    ctx.informers().of(Secret.class).addEventHandler(r.freed(Secret.class));
    return c;
  }

  /** Requeues the namespace's quotas when an object goes, or a pod turns terminal or starts terminating. */
  private <T extends HasMetadata> ResourceEventHandler<T> freed(Class<T> kind) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(T o) { }

      @Override public void onUpdate(T before, T after) {
        if (!(after instanceof Pod p) || !(before instanceof Pod b)) return;
        if (terminal(p) && !terminal(b)) requeue(p.getMetadata().getNamespace(), Duration.ZERO);
        Long grace = p.getMetadata().getDeletionGracePeriodSeconds();
        if (p.getMetadata().getDeletionTimestamp() != null && b.getMetadata().getDeletionTimestamp() == null && grace != null) {
          requeue(p.getMetadata().getNamespace(), Duration.ofSeconds(grace + 1));
        }
      }

      @Override public void onDelete(T o, boolean finalStateUnknown) { requeue(o.getMetadata().getNamespace(), Duration.ZERO); }
    };
  }

  private static boolean terminal(Pod p) {
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private void requeue(String ns, Duration after) {
    if (ns == null || controller == null) return;
    for (ResourceQuota q : quotas.getStore().list()) {
      if (!ns.equals(q.getMetadata().getNamespace())) continue;
      if (after.isZero()) controller.enqueue(Keys.of(q));
      else controller.enqueueAfter(Keys.of(q), after);
    }
  }

  @Override public Outcome reconcile(String key) {
    String ns = Keys.namespace(key);
    ResourceQuota q = ctx.client().resourceQuotas().inNamespace(ns).withName(Keys.name(key)).get();
    if (q == null) return DONE;
    Optional<ResourceQuotaStatus> next = QuotaPlanner.plan(q, r -> list(ns, r), ctx.clock().now());
    if (next.isPresent()) {
      q.setStatus(next.get());
      ctx.client().resourceQuotas().inNamespace(ns).resource(q).updateStatus();
      LOG.debug("resourcequota: {} used {}", key, next.get().getUsed());
    }
    return Reconciler.requeueAfter(RESYNC);
  }

  /** The namespace's objects of a resource, listed live (consistent with the quota just read). */
  private List<? extends HasMetadata> list(String ns, QuotaUsage.Resource r) {
    Optional<ResourceType> t = types.computeIfAbsent(r, x -> ResourceRegistry.builtins().all().stream()
        .filter(y -> y.group().equals(x.group()) && y.plural().equals(x.plural()) && y.namespaced()).findFirst());
    if (t.isEmpty()) return List.of();
    @SuppressWarnings("unchecked")
    Class<HasMetadata> model = (Class<HasMetadata>) t.get().model();
    return ctx.client().resources(model).inNamespace(ns).list().getItems();
  }
}
