package io.j8s.proxy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.time.Clock;
import io.j8s.proxy.metrics.ProxyMetrics;
import io.j8s.proxy.sync.SyncKind;
import io.j8s.proxy.sync.SyncRunner;
import io.j8s.proxy.sync.SyncSettings;
import io.j8s.proxy.tracker.ProxyStateTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's loop, the same for every mode: Service and EndpointSlice informers feed a
 * {@link ProxyStateTracker}; a change that matters triggers the {@link SyncRunner}, which hands a
 * snapshot (state + changed Services) to the {@link ProxyBackend}; metrics and health are
 * recorded around each sync. No sync runs before both informers have listed.
 */
public final class ServiceProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

  private final KubernetesClient client;
  private final ProxyBackend backend;
  private final Clock clock;
  private final ProxyStateTracker tracker = new ProxyStateTracker();
  private final ProxyMetrics metrics;
  private final SyncRunner runner;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  public ServiceProxy(KubernetesClient client, ProxyBackend backend, Clock clock, SyncSettings settings, ProxyMetrics metrics) {
    this.client = client;
    this.backend = backend;
    this.clock = clock;
    this.metrics = metrics;
    this.runner = new SyncRunner("proxy-sync-" + backend.mode(), clock, settings, this::sync);
  }

  public ProxyStateTracker tracker() {
    return tracker;
  }

  public ProxyMetrics metrics() {
    return metrics;
  }

  /** Starts the sync thread and the informers (returns at once; the first sync follows the initial lists). */
  public ServiceProxy start() {
    runner.start();
    SharedIndexInformer<Service> svc = client.services().inAnyNamespace().runnableInformer(0);
    svc.addEventHandler(handler(tracker::onService, tracker::onServiceDeleted));
    SharedIndexInformer<EndpointSlice> eps = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
    eps.addEventHandler(handler(tracker::onEndpointSlice, tracker::onEndpointSliceDeleted));
    informers.add(svc);
    informers.add(eps);
    svc.start().whenComplete((v, e) -> listed(e, tracker::markServicesSynced));
    eps.start().whenComplete((v, e) -> listed(e, tracker::markEndpointSlicesSynced));
    return this;
  }

  private void listed(Throwable error, Runnable mark) {
    if (error != null) {
      LOG.warn("proxy informer did not start: {}", error.toString());
      return;
    }
    mark.run();
    if (tracker.synced()) changed(true);
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Predicate<T> upsert, Predicate<T> delete) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(T obj) {
        changed(upsert.test(obj));
      }

      @Override public void onUpdate(T oldObj, T newObj) {
        changed(upsert.test(newObj));
      }

      @Override public void onDelete(T obj, boolean unknownFinalState) {
        changed(delete.test(obj));
      }
    };
  }

  private void changed(boolean changed) {
    if (changed && tracker.synced()) {
      metrics.queued();
      runner.trigger();
    }
  }

  private void sync(SyncKind kind) throws Exception {
    long start = clock.nanoTime();
    ProxyStateTracker.Snapshot snap = tracker.snapshot();
    try {
      Map<String, Long> rules = backend.sync(snap.state(), snap.changed(), kind == SyncKind.FULL);
      metrics.synced(kind, start, clock.nanoTime() - start, rules, snap.state().services().size(), snap.state().endpointCount());
    } catch (Exception e) {
      metrics.failed();
      throw e;
    }
  }

  @Override public void close() {
    informers.forEach(SharedIndexInformer::close);
    runner.close();
  }
}
