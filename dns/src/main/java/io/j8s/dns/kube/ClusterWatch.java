package io.j8s.dns.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.dns.zone.ClusterSnapshot;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Informers of Services and EndpointSlices (all namespaces) and the snapshot built from their
 * stores. An event only marks the snapshot stale and schedules one rebuild on this watch's own
 * thread (events during a rebuild schedule one more), so informer threads never wait.
 */
public final class ClusterWatch implements Supplier<ClusterSnapshot>, AutoCloseable {
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<EndpointSlice> slices;
  private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "dns-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean stale = new AtomicBoolean();
  private volatile ClusterSnapshot snapshot = ClusterSnapshot.EMPTY;
  private long serial = System.currentTimeMillis() / 1000;

  private ClusterWatch(KubernetesClient client) {
    client.getKubernetesSerialization().unmarshal("{}", Service.class);
    client.getKubernetesSerialization().unmarshal("{}", EndpointSlice.class);
    services = client.services().inAnyNamespace().runnableInformer(0);
    slices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
    ResourceEventHandler<Object> onChange = new ResourceEventHandler<>() {
      @Override public void onAdd(Object o) { changed(); }
      @Override public void onUpdate(Object a, Object b) { changed(); }
      @Override public void onDelete(Object o, boolean unknownFinalState) { changed(); }
    };
    services.addEventHandler(cast(onChange));
    slices.addEventHandler(cast(onChange));
    services.exceptionHandler(ClusterWatch::retry);
    slices.exceptionHandler(ClusterWatch::retry);
  }

  public static ClusterWatch start(KubernetesClient client) {
    ClusterWatch w = new ClusterWatch(client);
    w.services.start();
    w.slices.start();
    return w;
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> h) { return (ResourceEventHandler<T>) h; }

  /** Keeps listing and watching after any error but a model mismatch (as controllers' Informers). */
  static boolean retry(boolean started, Throwable t) {
    return !ExceptionHandler.isDeserializationException(t);
  }

  private void changed() {
    if (stale.compareAndSet(false, true)) rebuilder.execute(this::rebuild);
  }

  private void rebuild() {
    stale.set(false);
    snapshot = ClusterSnapshot.of(services.getStore().list(), slices.getStore().list(), ++serial);
  }

  @Override public ClusterSnapshot get() { return snapshot; }

  /** Waits until both informers listed once and the snapshot holds what they listed; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(services.hasSynced() && slices.hasSynced())) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(20);
    }
    changed();
    try {
      rebuilder.submit(() -> { }).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return true;
  }

  @Override public void close() {
    services.close();
    slices.close();
    rebuilder.shutdownNow();
  }
}
