package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.base.time.Clock;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Reconciler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Claims a Deployment's ReplicaSets, plans one sync with {@link DeploymentPlanner} and applies the writes in order. */
final class DeploymentReconciler implements Reconciler {
  private final KubernetesClient client;
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final EventRecorder events;
  private final Clock clock;

  DeploymentReconciler(KubernetesClient client, SharedIndexInformer<Deployment> deployments, SharedIndexInformer<ReplicaSet> replicaSets,
      SharedIndexInformer<Pod> pods, EventRecorder events, Clock clock) {
    this.client = client;
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.events = events;
    this.clock = clock;
  }

  @Override public Outcome reconcile(String key) throws Exception {
    Deployment d = deployments.getIndexer().getByKey(key);
    if (d == null) return DONE;
    LabelSelector selector;
    try {
      selector = LabelSelector.from(d.getSpec().getSelector());
    } catch (SelectorException e) {
      events.warning(d, "InvalidSelector", "Invalid selector: " + e.getMessage());
      return DONE;
    }
    String ns = d.getMetadata().getNamespace();
    Claims<ReplicaSet> claims = Claims.of(d, selector, replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns));
    List<ReplicaSet> owned = new ArrayList<>(claims.owned());
    for (ReplicaSet rs : claims.release()) ApiWrites.release(client, rs, d.getMetadata().getUid());
    if (!claims.adopt().isEmpty() && stillOurs(d)) {
      for (ReplicaSet rs : claims.adopt()) if (ApiWrites.adopt(client, rs, OwnerRefs.controllerRef(d, "apps/v1", "Deployment"))) owned.add(rs);
    }
    Map<String, List<Pod>> podsByRs = new HashMap<>();
    for (ReplicaSet rs : owned) podsByRs.put(rs.getMetadata().getUid(), new ArrayList<>());
    for (Pod p : pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns)) {
      var ref = OwnerRefs.controllerOf(p);
      if (ref != null && podsByRs.containsKey(ref.getUid())) podsByRs.get(ref.getUid()).add(p);
    }
    DeploymentPlanner.Plan plan = DeploymentPlanner.plan(d, owned, podsByRs, clock.now());
    for (DeploymentAction a : plan.actions()) apply(d, a);
    return plan.requeueAfter() == null ? DONE : Reconciler.requeueAfter(plan.requeueAfter());
  }

  private boolean stillOurs(Deployment d) {
    Deployment fresh = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName()).get();
    return fresh != null && fresh.getMetadata().getUid().equals(d.getMetadata().getUid()) && !OwnerRefs.deleting(fresh);
  }

  private void apply(Deployment d, DeploymentAction a) {
    var rsApi = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace());
    var dApi = client.apps().deployments().inNamespace(d.getMetadata().getNamespace());
    switch (a) {
      case DeploymentAction.CreateReplicaSet c -> create(d, c.replicaSet());
      case DeploymentAction.UpdateReplicaSet u -> rsApi.resource(u.replicaSet()).update();
      case DeploymentAction.DeleteReplicaSet del -> {
        try {
          rsApi.withName(del.name()).delete();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) throw e;
        }
      }
      case DeploymentAction.SetRevision r -> dApi.withName(d.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"annotations\":{\"" + Revisions.REVISION + "\":\"" + r.revision() + "\"}}}");
      case DeploymentAction.UpdateStatus s -> writeStatus(d, s.status());
      case DeploymentAction.Event e -> {
        if (e.type().equals("Warning")) events.warning(d, e.reason(), e.message());
        else events.normal(d, e.reason(), e.message());
      }
    }
  }

  /**
   * Creates the new ReplicaSet. If the name is taken by one of ours with the same template, the
   * cache was stale: fine. Taken by anything else, it is a hash collision: count it in status so
   * the next sync hashes differently (upstream's collisionCount).
   */
  private void create(Deployment d, ReplicaSet rs) {
    var rsApi = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace());
    try {
      rsApi.resource(rs).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        ReplicaSet existing = rsApi.withName(rs.getMetadata().getName()).get();
        if (existing != null && OwnerRefs.controlledBy(existing, d.getMetadata().getUid())
            && TemplateHash.equalIgnoringHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
          return;
        }
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : new DeploymentStatusBuilder(d.getStatus()).build();
        s.setCollisionCount(s.getCollisionCount() == null ? 1 : s.getCollisionCount() + 1);
        writeStatus(d, s);
        throw e;
      }
      if (DeploymentStatuses.hasProgressDeadline(d)) {
        String msg = "Failed to create new replica set \"" + rs.getMetadata().getName() + "\": " + ApiWrites.message(e);
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : new DeploymentStatusBuilder(d.getStatus()).build();
        s.setConditions(new ArrayList<>(s.getConditions() == null ? List.of() : s.getConditions()));
        Conditions.set(s, Conditions.make(Conditions.PROGRESSING, "False", Conditions.RS_CREATE_ERROR, msg, clock.now()));
        events.warning(d, Conditions.RS_CREATE_ERROR, msg);
        writeStatus(d, s);
      }
      throw e;
    }
  }

  private void writeStatus(Deployment d, DeploymentStatus status) {
    var api = client.apps().deployments().inNamespace(d.getMetadata().getNamespace());
    Deployment fresh = api.withName(d.getMetadata().getName()).get();
    if (fresh == null || !fresh.getMetadata().getUid().equals(d.getMetadata().getUid())) return;
    if (!d.getMetadata().getGeneration().equals(fresh.getMetadata().getGeneration())) {
      throw new KubernetesClientException("deployment changed while syncing", 409, null);
    }
    fresh.setStatus(status);
    api.resource(fresh).updateStatus();
  }
}
