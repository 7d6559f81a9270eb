package io.j8s.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Syncs each DaemonSet (by key) from the informer caches: revisions, pods per node, status. */
public final class DaemonSetController implements Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonSetController.class);
  private final ControllerContext ctx;
  private final SharedIndexInformer<DaemonSet> sets;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<ControllerRevision> revisions;
  private final Expectations expectations = new Expectations();

  private DaemonSetController(ControllerContext ctx) {
    this.ctx = ctx;
    this.sets = ctx.informers().of(DaemonSet.class);
    this.pods = ctx.informers().of(Pod.class);
    this.nodes = ctx.informers().of(Node.class);
    this.revisions = ctx.informers().of(ControllerRevision.class);
  }

  public static Controller create(ControllerContext ctx) {
    DaemonSetController r = new DaemonSetController(ctx);
    return new Controller("daemonset", 2, ctx.clock(), r)
        .watchSelf(r.sets)
        .watch(r.pods, p -> owner(p).map(o -> List.of(Keys.of(p.getMetadata().getNamespace(), o))).orElse(List.of()))
        .watch(r.nodes, n -> r.sets.getStore().list().stream().map(Keys::of).toList());
  }

  static java.util.Optional<String> owner(io.fabric8.kubernetes.api.model.HasMetadata o) {
    if (o.getMetadata().getOwnerReferences() == null) return java.util.Optional.empty();
    return o.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()) && "DaemonSet".equals(r.getKind()))
        .map(OwnerReference::getName).findFirst();
  }

  private static boolean ownedBy(io.fabric8.kubernetes.api.model.HasMetadata o, DaemonSet ds) {
    return o.getMetadata().getOwnerReferences() != null && o.getMetadata().getOwnerReferences().stream()
        .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && Objects.equals(r.getUid(), ds.getMetadata().getUid()));
  }

  @Override public Outcome reconcile(String key) {
    DaemonSet ds = sets.getStore().getByKey(key);
    if (ds == null) {
      expectations.forget(key);
      return DONE;
    }
    if (ds.getMetadata().getDeletionTimestamp() != null) return DONE; // the garbage collector takes its pods
    Instant now = ctx.clock().now();
    String ns = ds.getMetadata().getNamespace();
    String hash = Revisions.hash(ds);
    List<Pod> mine = pods.getStore().list().stream().filter(p -> ns.equals(p.getMetadata().getNamespace()) && ownedBy(p, ds)).toList();

    List<ControllerRevision> owned = revisions.getStore().list().stream()
        .filter(r -> ns.equals(r.getMetadata().getNamespace()) && ownedBy(r, ds)).toList();
    Set<String> liveHashes = mine.stream().map(DaemonSetPlanner::hashOf).collect(Collectors.toSet());
    Revisions.Plan rp = Revisions.plan(ds, hash, owned, liveHashes);
    rp.create().ifPresent(r -> {
      try {
        ctx.client().resource(r).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw e;
      }
    });
    rp.bump().ifPresent(name -> ctx.client().apps().controllerRevisions().inNamespace(ns).withName(name)
        .edit(r -> { r.setRevision(rp.revision()); return r; }));
    for (String old : rp.delete()) ctx.client().apps().controllerRevisions().inNamespace(ns).withName(old).delete();

    Set<String> pendingDeletes = expectations.pendingDeletes(key, name -> {
      Pod p = pods.getStore().getByKey(ns + "/" + name);
      return p == null || p.getMetadata().getDeletionTimestamp() != null;
    }, now);
    List<Pod> live = mine.stream().filter(p -> !pendingDeletes.contains(p.getMetadata().getName())).toList();
    Set<String> pendingCreates = expectations.pendingCreates(key,
        node -> live.stream().anyMatch(p -> node.equals(p.getSpec().getNodeName()) && hash.equals(DaemonSetPlanner.hashOf(p))), now);
    DaemonSetPlanner.Plan plan = DaemonSetPlanner.plan(ds, hash, nodes.getStore().list(), live, pendingCreates, now);

    for (String node : plan.createOn()) {
      expectations.created(key, node, now);
      try {
        ctx.client().pods().inNamespace(ns).resource(DaemonPods.forNode(ds, hash, node)).create();
      } catch (KubernetesClientException e) {
        expectations.pendingCreates(key, n -> n.equals(node), now);
        throw e;
      }
      LOG.debug("daemonset {}: pod created on {}", key, node);
    }
    for (String pod : plan.delete()) {
      expectations.deleted(key, pod, now);
      ctx.client().pods().inNamespace(ns).withName(pod).delete();
      LOG.debug("daemonset {}: pod {} deleted", key, pod);
    }
    if (!Objects.equals(ds.getStatus(), plan.status())) {
      DaemonSet copy = new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder(ds).withStatus(plan.status()).build();
      ctx.client().apps().daemonSets().inNamespace(ns).resource(copy).updateStatus();
    }
    return plan.recheck().map(Reconciler::requeueAfter).orElse(DONE);
  }
}
