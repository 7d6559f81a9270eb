package io.j8s.controllers.nodelifecycle;

import io.j8s.api.status.Readiness;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Reconciler;
import io.j8s.controllers.placement.TaintMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's node lifecycle controller with lease-based heartbeats and taint-based eviction:
 * every node, lease or pod change (and every 5 s) runs one {@link NodeLifecyclePlanner} pass over
 * the informer caches, then applies its actions through the API.
 */
public final class NodeLifecycleController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);
  static final String KEY = "node-lifecycle";
  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final Duration MONITOR_PERIOD = Duration.ofSeconds(5);
  static final Duration EVICTION_MEMORY = Duration.ofSeconds(30);
  static final List<String> CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
  private final ControllerContext ctx;
  private final Duration grace;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Lease> leases;
  private final SharedIndexInformer<Pod> pods;
  private final HeartbeatTracker tracker = new HeartbeatTracker();
  /** Pods this controller evicted recently, so a pass on a cache that has not seen the deletion yet does not evict (and report) twice. */
  private final Map<String, Instant> evicted = new HashMap<>();

  private NodeLifecycleController(ControllerContext ctx) {
    this.ctx = ctx;
    this.grace = ctx.options().nodeMonitorGracePeriod();
    this.nodes = ctx.informers().of(Node.class);
    this.leases = ctx.informers().of(Lease.class);
    this.pods = ctx.informers().of(Pod.class);
  }

  public static Controller create(ControllerContext ctx) {
    NodeLifecycleController r = new NodeLifecycleController(ctx);
    Controller c = new Controller("node-lifecycle", 1, ctx.clock(), r);
    c.watch(r.nodes, n -> List.of(KEY));
    c.watch(r.leases, l -> LEASE_NAMESPACE.equals(l.getMetadata().getNamespace()) ? List.of(KEY) : List.of());
    c.watch(r.pods, p -> p.getSpec() != null && p.getSpec().getNodeName() != null ? List.of(KEY) : List.of());
    return c;
  }

  @Override public Outcome reconcile(String key) {
    Instant now = ctx.clock().now();
    List<NodeView> views = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node n : nodes.getStore().list()) {
      views.add(view(n, now));
      names.add(n.getMetadata().getName());
    }
    tracker.retain(names);
    List<PodView> podViews = new ArrayList<>();
    for (Pod p : pods.getStore().list()) {
      if (p.getSpec() == null || p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty()) continue;
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) continue;
      podViews.add(new PodView(p.getMetadata().getNamespace(), p.getMetadata().getName(), p.getSpec().getNodeName(), Readiness.podReady(p),
          p.getMetadata().getDeletionTimestamp() != null, p.getSpec().getTolerations() == null ? List.of() : p.getSpec().getTolerations()));
    }
    evicted.values().removeIf(at -> now.isAfter(at.plus(EVICTION_MEMORY)));
    podViews.removeIf(p -> evicted.containsKey(p.key()));
    NodeLifecyclePlanner.Plan plan = NodeLifecyclePlanner.plan(now, grace, views, podViews);
    for (LifecycleAction a : plan.actions()) apply(a, now);
    Duration wait = MONITOR_PERIOD;
    if (plan.nextDeadline().isPresent()) {
      Duration until = Duration.between(now, plan.nextDeadline().get()).plusMillis(50);
      if (until.compareTo(wait) < 0) wait = until.isNegative() ? Duration.ofMillis(50) : until;
    }
    return Reconciler.requeueAfter(wait);
  }

  private NodeView view(Node n, Instant now) {
    String name = n.getMetadata().getName();
    NodeCondition ready = condition(n, "Ready");
    Lease lease = leases.getStore().getByKey(LEASE_NAMESPACE + "/" + name);
    String renew = lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null ? null
        : lease.getSpec().getRenewTime().toString();
    Instant probe = tracker.observe(name, ready == null ? null : ready.getLastHeartbeatTime(), renew, now);
    List<Taint> taints = new ArrayList<>();
    if (n.getSpec() != null && n.getSpec().getTaints() != null) {
      for (Taint t : n.getSpec().getTaints()) {
        if (TaintMatch.NO_EXECUTE.equals(t.getEffect()) && (t.getTimeAdded() == null || t.getTimeAdded().isEmpty())) {
          Instant seen = tracker.taintSeen(name, t.getKey() + ":" + t.getEffect(), now);
          t = new Taint(t.getEffect(), t.getKey(), seen.toString(), t.getValue());
        }
        taints.add(t);
      }
    }
    var labels = n.getMetadata().getLabels();
    String zone = labels == null ? "" : labels.getOrDefault("topology.kubernetes.io/zone", "");
    return new NodeView(name, zone, ready == null ? null : ready.getStatus(), taints, probe);
  }

  private void apply(LifecycleAction a, Instant now) {
    try {
      switch (a) {
        case LifecycleAction.MarkUnknown m -> markUnknown(m.node(), now);
        case LifecycleAction.UpdateTaints u -> updateTaints(u);
        case LifecycleAction.MarkPodNotReady p -> markPodNotReady(p, now);
        case LifecycleAction.Evict e -> {
          Pod pod = pods.getStore().getByKey(e.namespace() + "/" + e.name());
          if (pod != null) ctx.events().normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + e.namespace() + "/" + e.name());
          ctx.client().pods().inNamespace(e.namespace()).withName(e.name()).delete();
          evicted.put(e.namespace() + "/" + e.name(), now);
          LOG.info("node-lifecycle: evicting pod {}/{} from node {} ({})", e.namespace(), e.name(), e.node(), e.taint());
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
      LOG.debug("node-lifecycle: {} raced ({}); next pass retries", a, e.getCode());
    }
  }

  private void markUnknown(String name, Instant now) {
    Node n = ctx.client().nodes().withName(name).get();
    if (n == null) return;
    if (n.getStatus() == null) n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
    List<NodeCondition> conds = n.getStatus().getConditions() == null ? new ArrayList<>() : new ArrayList<>(n.getStatus().getConditions());
    for (String type : CONDITIONS) {
      NodeCondition c = conds.stream().filter(x -> type.equals(x.getType())).findFirst().orElse(null);
      if (c == null) {
        conds.add(new NodeCondition(null, stamp(now), "Kubelet never posted node status.", "NodeStatusNeverUpdated", "Unknown", type));
      } else if (!"Unknown".equals(c.getStatus())) {
        c.setStatus("Unknown");
        c.setReason("NodeStatusUnknown");
        c.setMessage("Kubelet stopped posting node status.");
        c.setLastTransitionTime(stamp(now));
      }
    }
    n.getStatus().setConditions(conds);
    ctx.client().nodes().resource(n).updateStatus();
    ctx.events().normal(n, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
    LOG.info("node-lifecycle: node {} stopped posting status for {}; marked Unknown", name, grace);
  }

  private void updateTaints(LifecycleAction.UpdateTaints u) {
    Node n = ctx.client().nodes().withName(u.node()).get();
    if (n == null) return;
    List<Taint> taints = n.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(n.getSpec().getTaints());
    for (Taint r : u.remove()) taints.removeIf(t -> r.getKey().equals(t.getKey()) && r.getEffect().equals(t.getEffect()));
    for (Taint t : u.add()) {
      if (taints.stream().noneMatch(x -> t.getKey().equals(x.getKey()) && t.getEffect().equals(x.getEffect()))) taints.add(t);
    }
    n.getSpec().setTaints(taints);
    ctx.client().nodes().resource(n).update();
    LOG.info("node-lifecycle: node {} taints +{} -{}", u.node(), u.add().stream().map(NodeLifecycleController::str).toList(),
        u.remove().stream().map(NodeLifecycleController::str).toList());
  }

  private void markPodNotReady(LifecycleAction.MarkPodNotReady p, Instant now) {
    Pod pod = ctx.client().pods().inNamespace(p.namespace()).withName(p.name()).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) return;
    boolean changed = false;
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("Ready".equals(c.getType()) && !"False".equals(c.getStatus())) {
        c.setStatus("False");
        c.setLastTransitionTime(stamp(now));
        changed = true;
      }
    }
    if (changed) ctx.client().pods().resource(pod).updateStatus();
  }

  static NodeCondition condition(Node n, String type) {
    if (n.getStatus() == null || n.getStatus().getConditions() == null) return null;
    return n.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** Kubernetes timestamps have whole seconds. */
  static String stamp(Instant t) { return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); }

  private static String str(Taint t) { return t.getKey() + ":" + t.getEffect(); }
}
