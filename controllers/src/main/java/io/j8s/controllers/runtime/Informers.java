package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shared informer per kind (all namespaces, no resync), created on first use, so every
 * controller that watches Pods reads the same cache and the server serves one Pod watch.
 */
public final class Informers implements AutoCloseable {
  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
  private boolean started;

  public Informers(KubernetesClient client) {
    this.client = client;
  }

  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> of(Class<T> type) {
    return (SharedIndexInformer<T>) informers.computeIfAbsent(type, t -> {
      SharedIndexInformer<T> inf = client.resources(type).inAnyNamespace().runnableInformer(0);
      if (started) inf.start();
      return inf;
    });
  }

  public synchronized void start() {
    started = true;
    informers.values().forEach(SharedIndexInformer::start);
  }

  public synchronized boolean synced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** Waits until every informer has listed once; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!synced()) {
      if (System.nanoTime() > deadline) return false;
      Thread.sleep(20);
    }
    return true;
  }

  @Override public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }
}
