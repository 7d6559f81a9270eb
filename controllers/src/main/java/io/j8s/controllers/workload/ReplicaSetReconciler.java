package io.j8s.controllers.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.j8s.api.selector.LabelSelector;
import io.j8s.api.selector.SelectorException;
import io.j8s.base.time.Clock;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Applies {@link ReplicaSetPlanner}'s plan for one ReplicaSet: claims pods, creates or deletes, writes status. */
final class ReplicaSetReconciler implements Reconciler {
  private final KubernetesClient client;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final SharedIndexInformer<Pod> pods;
  private final EventRecorder events;
  private final Clock clock;
  final Expectations expectations;

  ReplicaSetReconciler(KubernetesClient client, SharedIndexInformer<ReplicaSet> replicaSets, SharedIndexInformer<Pod> pods,
      EventRecorder events, Clock clock) {
    this.client = client;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.events = events;
    this.clock = clock;
    this.expectations = new Expectations(clock);
  }

  @Override public Outcome reconcile(String key) throws Exception {
    ReplicaSet rs = replicaSets.getIndexer().getByKey(key);
    if (rs == null) {
      expectations.forget(key);
      return DONE;
    }
    boolean needsSync = expectations.satisfied(key);
    LabelSelector selector;
    try {
      selector = LabelSelector.from(rs.getSpec().getSelector());
    } catch (SelectorException e) {
      events.warning(rs, "InvalidSelector", "Invalid selector: " + e.getMessage());
      return DONE;
    }
    String ns = rs.getMetadata().getNamespace();
    List<Pod> all = pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns);
    List<Pod> active = all.stream().filter(PodStates::active).toList();
    Claims<Pod> claims = Claims.of(rs, selector, active);
    List<Pod> owned = new ArrayList<>(claims.owned());
    for (Pod p : claims.release()) ApiWrites.release(client, p, rs.getMetadata().getUid());
    if (!claims.adopt().isEmpty() && stillOurs(rs)) {
      for (Pod p : claims.adopt()) if (ApiWrites.adopt(client, p, OwnerRefs.controllerRef(rs, "apps/v1", "ReplicaSet"))) owned.add(p);
    }
    ReplicaSetPlanner.Failure failure = null;
    if (needsSync && !OwnerRefs.deleting(rs)) {
      failure = switch (ReplicaSetPlanner.manage(rs, owned, related(rs, active), clock.now())) {
        case ReplicaSetPlanner.Manage.Nothing n -> null;
        case ReplicaSetPlanner.Manage.Create c -> create(key, rs, c.count());
        case ReplicaSetPlanner.Manage.Delete d -> delete(key, rs, d.pods());
      };
    }
    Instant now = clock.now();
    ReplicaSetStatus status = ReplicaSetPlanner.status(rs, owned, failure, now);
    if (!ReplicaSetPlanner.sameStatus(rs.getStatus(), status)) writeStatus(rs, status);
    if (failure != null) throw new IllegalStateException(failure.reason() + ": " + failure.message());
    Duration next = ReplicaSetPlanner.nextAvailability(rs, owned, now);
    return next == null ? DONE : Reconciler.requeueAfter(next);
  }

  /** Upstream re-reads the owner before adopting: a deleted or recreated owner must not adopt. */
  private boolean stillOurs(ReplicaSet rs) {
    ReplicaSet fresh = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).get();
    return fresh != null && fresh.getMetadata().getUid().equals(rs.getMetadata().getUid()) && !OwnerRefs.deleting(fresh);
  }

  /** Active pods of every ReplicaSet with the same controller as {@code rs} (or of rs alone). */
  private List<Pod> related(ReplicaSet rs, List<Pod> active) {
    var owner = OwnerRefs.controllerOf(rs);
    Set<String> uids = new HashSet<>();
    uids.add(rs.getMetadata().getUid());
    if (owner != null) {
      for (ReplicaSet r : replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, rs.getMetadata().getNamespace())) {
        if (OwnerRefs.controlledBy(r, owner.getUid())) uids.add(r.getMetadata().getUid());
      }
    }
    return active.stream().filter(p -> {
      var ref = OwnerRefs.controllerOf(p);
      return ref != null && uids.contains(ref.getUid());
    }).toList();
  }

  private ReplicaSetPlanner.Failure create(String key, ReplicaSet rs, int count) throws InterruptedException {
    expectations.expectCreations(key, count);
    int done = 0;
    String error = null;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int batch : ReplicaSetPlanner.batches(count)) {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < batch; i++) results.add(pool.submit(() -> createOne(rs)));
        String err = lastError(results);
        if (err != null) error = err;
        done += batch;
        if (error != null) break;
      }
    }
    if (error == null) return null;
    expectations.lowerCreations(key, count - done); // never attempted; failed ones were lowered one by one
    return new ReplicaSetPlanner.Failure("FailedCreate", error);
  }

  /** Waits for every write; the last error message among them, or null if all succeeded. */
  private static String lastError(List<Future<String>> results) throws InterruptedException {
    String error = null;
    for (Future<String> f : results) {
      try {
        String err = f.get();
        if (err != null) error = err;
      } catch (java.util.concurrent.ExecutionException e) {
        error = String.valueOf(e.getCause());
      }
    }
    return error;
  }

  /** Creates one pod; returns the API's error message, or null. */
  private String createOne(ReplicaSet rs) {
    try {
      Pod created = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(ReplicaSetPlanner.podFor(rs)).create();
      events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
      return null;
    } catch (KubernetesClientException e) {
      expectations.creationObserved(Keys.of(rs));
      String msg = ApiWrites.message(e);
      events.warning(rs, "FailedCreate", "Error creating: " + msg);
      return msg;
    }
  }

  private ReplicaSetPlanner.Failure delete(String key, ReplicaSet rs, List<Pod> victims) throws InterruptedException {
    Set<String> podKeys = new HashSet<>();
    for (Pod p : victims) podKeys.add(Keys.of(p));
    expectations.expectDeletions(key, podKeys);
    String error = null;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (Pod p : victims) results.add(pool.submit(() -> deleteOne(key, rs, p)));
      error = lastError(results);
    }
    return error == null ? null : new ReplicaSetPlanner.Failure("FailedDelete", error);
  }

  private String deleteOne(String key, ReplicaSet rs, Pod p) {
    try {
      client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
      events.normal(rs, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
      return null;
    } catch (KubernetesClientException e) {
      expectations.deletionObserved(key, Keys.of(p));
      if (e.getCode() == 404) return null;
      String msg = ApiWrites.message(e);
      events.warning(rs, "FailedDelete", "Error deleting: " + msg);
      return msg;
    }
  }

  /** Status write with one fresh re-read on conflict (as upstream's updateReplicaSetStatus retries). */
  private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
    var api = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace());
    ReplicaSet target = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).withStatus(status).build();
    try {
      api.resource(target).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
      ReplicaSet fresh = api.withName(rs.getMetadata().getName()).get();
      if (fresh == null || !fresh.getMetadata().getUid().equals(rs.getMetadata().getUid())) return;
      status.setObservedGeneration(Math.min(fresh.getMetadata().getGeneration(), rs.getMetadata().getGeneration()));
      fresh.setStatus(status);
      api.resource(fresh).updateStatus();
    }
  }
}
