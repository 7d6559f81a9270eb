package io.j8s.controllers.servicelb;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies {@link LoadBalancerPlanner}'s decisions: writes Service status and events. With a pool
 * it holds the allocations (service key to address) in memory, adopting addresses that Service
 * statuses already show, so they stay stable across restarts; one worker keeps them consistent.
 */
public final class ServiceLbController implements Reconciler {
  private final KubernetesClient client;
  private final EventRecorder events;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Node> nodes;
  private final AddressPool pool;
  private final Map<String, String> allocations = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private Controller controller;

  ServiceLbController(ControllerContext ctx, AddressPool pool) {
    this.client = ctx.client();
    this.events = ctx.events();
    this.services = ctx.informers().of(Service.class);
    this.nodes = ctx.informers().of(Node.class);
    this.pool = pool;
  }

  /** @param poolCidr the address pool (e.g. 192.168.100.0/28), or null to publish node addresses */
  public static Function<ControllerContext, Controller> factory(String poolCidr) {
    AddressPool pool = poolCidr == null || poolCidr.isBlank() ? null : AddressPool.parse(poolCidr);
    return ctx -> create(ctx, pool);
  }

  static Controller create(ControllerContext ctx, AddressPool pool) {
    var r = new ServiceLbController(ctx, pool);
    Controller c = new Controller("servicelb", 1, ctx.clock(), r);
    r.controller = c;
    c.watchSelf(r.services);
    if (pool == null) c.watch(r.nodes, n -> r.loadBalancerKeys());
    return c;
  }

  private List<String> loadBalancerKeys() {
    return services.getIndexer().list().stream().filter(LoadBalancerPlanner::managed).map(Keys::of).toList();
  }

  @Override
  public synchronized Outcome reconcile(String key) {
    Service svc = services.getIndexer().getByKey(key);
    if (pool != null) adoptFromStatuses(key);
    String held = allocations.get(key);
    Set<String> taken = new HashSet<>(allocations.values());
    if (held != null) taken.remove(held);
    var decision = LoadBalancerPlanner.decide(svc, pool == null ? nodes.getIndexer().list() : List.of(), pool, held, taken);
    List<String> shown = svc == null ? List.of() : LoadBalancerPlanner.ingressIps(svc);
    switch (decision) {
      case LoadBalancerPlanner.Decision.Ignore i -> release(key);
      case LoadBalancerPlanner.Decision.Clear c -> {
        release(key);
        if (!shown.isEmpty()) {
          events.normal(svc, "DeletingLoadBalancer", "Deleting load balancer");
          writeStatus(svc, List.of());
          events.normal(svc, "DeletedLoadBalancer", "Deleted load balancer");
        }
      }
      case LoadBalancerPlanner.Decision.Pending p -> {
        release(key);
        pending.add(key);
        events.warning(svc, "SyncLoadBalancerFailed", "Error syncing load balancer: " + p.reason());
      }
      case LoadBalancerPlanner.Decision.Publish p -> {
        pending.remove(key);
        if (p.allocated() != null) allocations.put(key, p.allocated());
        p.warning().ifPresent(w -> events.warning(svc, "LoadBalancerIPNotAvailable", w));
        if (!shown.equals(p.ips())) {
          if (shown.isEmpty()) events.normal(svc, "EnsuringLoadBalancer", "Ensuring load balancer");
          writeStatus(svc, p.ips());
          if (shown.isEmpty()) events.normal(svc, "EnsuredLoadBalancer", "Ensured load balancer");
          else events.normal(svc, "UpdatedLoadBalancer", "Updated load balancer with new IPs: " + shown + " -> " + p.ips());
        }
      }
    }
    return DONE;
  }

  /** Addresses other LoadBalancer services show in their status and nobody holds yet become theirs (after a restart). */
  private void adoptFromStatuses(String self) {
    for (Service s : services.getIndexer().list()) {
      String k = Keys.of(s);
      if (k.equals(self) || allocations.containsKey(k) || !LoadBalancerPlanner.managed(s)) continue;
      for (String ip : LoadBalancerPlanner.ingressIps(s)) {
        if (pool.contains(ip) && !allocations.containsValue(ip)) {
          allocations.put(k, ip);
          break;
        }
      }
    }
  }

  /** Frees the key's address; services waiting for one look again. */
  private void release(String key) {
    if (allocations.remove(key) != null && controller != null) {
      for (String k : pending) controller.enqueue(k);
    }
    pending.remove(key);
  }

  private void writeStatus(Service svc, List<String> ips) {
    var lb = new LoadBalancerStatus();
    lb.setIngress(ips.stream().map(ip -> new LoadBalancerIngressBuilder().withIp(ip).withIpMode("VIP").build()).toList());
    Service next = new ServiceBuilder(svc).editOrNewStatus().withLoadBalancer(lb).endStatus().build();
    client.resource(next).updateStatus();
  }

  /** The pool address each service holds (for tests and diagnostics). */
  synchronized Map<String, String> allocations() {
    return Map.copyOf(allocations);
  }
}
