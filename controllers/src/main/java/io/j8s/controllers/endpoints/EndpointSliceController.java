package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps each selector Service's EndpointSlices equal to its pods: reads caches, plans with {@link SlicePlanner}, writes. */
public final class EndpointSliceController implements Reconciler {
  private final KubernetesClient client;
  private final EventRecorder events;
  private final ServicePods lookup;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<EndpointSlice> slices;
  private final SliceTracker tracker = new SliceTracker();
  private final Set<String> waitingForNodes = ConcurrentHashMap.newKeySet();

  EndpointSliceController(ControllerContext ctx) {
    this.client = ctx.client();
    this.events = ctx.events();
    this.lookup = new ServicePods(ctx.informers().of(Service.class), ctx.informers().of(Pod.class));
    this.nodes = ctx.informers().of(Node.class);
    this.slices = ctx.informers().of(EndpointSlice.class);
  }

  public static Controller create(ControllerContext ctx) {
    var r = new EndpointSliceController(ctx);
    Controller c = new Controller("endpointslice", 2, ctx.clock(), r);
    c.watchSelf(ctx.informers().of(Service.class));
    c.watch(ctx.informers().of(Pod.class), r.lookup::servicesSelecting);
    c.watch(r.slices, s -> managed(s) ? List.of(Keys.of(s.getMetadata().getNamespace(), serviceName(s))) : List.of());
    r.slices.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(EndpointSlice s) { }
      @Override public void onUpdate(EndpointSlice a, EndpointSlice b) { }
      @Override public void onDelete(EndpointSlice s, boolean unknown) {
        if (managed(s)) r.tracker.gone(Keys.of(s.getMetadata().getNamespace(), serviceName(s)), s.getMetadata().getUid());
      }
    });
    r.nodes.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Node n) { r.nodeChanged(c, n); }
      @Override public void onUpdate(Node a, Node b) {
        if (!Objects.equals(zone(a), zone(b))) r.nodeChanged(c, b);
      }
      @Override public void onDelete(Node n, boolean unknown) { }
    });
    return c;
  }

  private static String zone(Node n) {
    return n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(PodEndpoints.LABEL_ZONE);
  }

  /** A node appeared or changed zone: services waiting for it, and services of pods on it, sync again (no blocking here). */
  private void nodeChanged(Controller c, Node n) {
    for (String k : List.copyOf(waitingForNodes)) c.enqueue(k);
    for (Pod p : lookup.allPods()) {
      if (p.getSpec() != null && n.getMetadata().getName().equals(p.getSpec().getNodeName())) lookup.servicesSelecting(p).forEach(c::enqueue);
    }
  }

  static boolean managed(EndpointSlice s) {
    var l = s.getMetadata().getLabels();
    return l != null && PodEndpoints.MANAGED_BY.equals(l.get(PodEndpoints.LABEL_MANAGED_BY)) && l.get(PodEndpoints.LABEL_SERVICE_NAME) != null;
  }

  static String serviceName(EndpointSlice s) {
    return s.getMetadata().getLabels().get(PodEndpoints.LABEL_SERVICE_NAME);
  }

  private List<EndpointSlice> cachedSlices(String namespace, String service) {
    return slices.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(s -> managed(s) && service.equals(serviceName(s))).toList();
  }

  @Override
  public Outcome reconcile(String key) {
    String ns = Keys.namespace(key);
    String name = Keys.name(key);
    Service svc = lookup.service(key);
    List<EndpointSlice> existing = cachedSlices(ns, name);
    if (svc == null || !PodEndpoints.managesEndpoints(svc)) {
      waitingForNodes.remove(key);
      for (EndpointSlice s : existing) {
        client.resource(s).delete();
        tracker.deleted(key, s);
      }
      if (svc == null && existing.isEmpty()) tracker.forget(key);
      return DONE;
    }
    if (tracker.stale(key, existing)) return Reconciler.requeueAfter(Duration.ofMillis(200));
    List<Pod> pods = lookup.selectedBy(svc);
    Map<String, Node> nodeMap = new HashMap<>();
    for (Pod p : pods) {
      String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
      if (n == null || n.isEmpty() || nodeMap.containsKey(n)) continue;
      Node node = nodes.getIndexer().getByKey(n);
      if (node != null) nodeMap.put(n, node);
    }
    SlicePlan plan = SlicePlanner.plan(svc, pods, nodeMap, existing);
    try {
      if (svc.getMetadata().getDeletionTimestamp() == null) {
        for (EndpointSlice s : plan.creates()) tracker.wrote(key, client.resource(s).create());
      }
      for (EndpointSlice s : plan.updates()) tracker.wrote(key, client.resource(s).update());
      for (EndpointSlice s : plan.deletes()) {
        client.resource(s).delete();
        tracker.deleted(key, s);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        events.warning(svc, "FailedToUpdateEndpointSlices", "Error updating Endpoint Slices for Service " + key + ": " + e.getMessage());
      }
      throw e;
    }
    if (plan.skippedPods().isEmpty()) {
      waitingForNodes.remove(key);
      return DONE;
    }
    waitingForNodes.add(key);
    return Reconciler.requeueAfter(Duration.ofSeconds(5));
  }
}
