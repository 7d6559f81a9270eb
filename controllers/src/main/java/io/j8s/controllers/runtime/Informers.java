package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
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
      // Build the model's deserializers here, not on the HTTP client's event loop, where a cold
      // start on a loaded machine blocked it for seconds and every request in flight timed out.
      client.getKubernetesSerialization().unmarshal("{}", type);
      SharedIndexInformer<T> inf = client.resources(type).inAnyNamespace().runnableInformer(0);
      inf.exceptionHandler(Informers::retry);
      if (started) inf.start();
      return inf;
    });
  }

  /**
   * Keeps listing and watching after any error but a model mismatch, also before the first
   * list succeeded: fabric8's default gives up on a failed initial list, and an informer that
   * never syncs holds every controller back (seen when a loaded machine made the first list time out).
   */
  public static boolean retry(boolean started, Throwable t) {
    return !ExceptionHandler.isDeserializationException(t);
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
