package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.queue.Backoff;
import io.j8s.base.queue.WorkQueue;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named control loop: informer events become keys on a {@link WorkQueue}; worker virtual
 * threads take keys and run the {@link Reconciler}. Failures retry with per-key backoff;
 * 404 and 409 from the API (a stale cache) retry too, quietly.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  private final String name;
  private final int workers;
  private final Reconciler reconciler;
  private final WorkQueue<String> queue;
  private final List<Thread> threads = new ArrayList<>();

  public Controller(String name, int workers, Clock clock, Reconciler reconciler) {
    this.name = name;
    this.workers = workers;
    this.reconciler = reconciler;
    this.queue = new WorkQueue<>(clock, Backoff.CONTROLLER);
  }

  public String name() { return name; }

  public void enqueue(String key) { queue.add(key); }

  public void enqueueAfter(String key, Duration delay) { queue.addAfter(key, delay); }

  /** Queues the keys {@code keysOf} maps each added, changed or deleted object to (old and new on updates). */
  public <T extends HasMetadata> Controller watch(SharedIndexInformer<T> informer, Function<T, Collection<String>> keysOf) {
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(T o) { keysOf.apply(o).forEach(queue::add); }

      @Override public void onUpdate(T before, T after) {
        keysOf.apply(before).forEach(queue::add);
        keysOf.apply(after).forEach(queue::add);
      }

      @Override public void onDelete(T o, boolean finalStateUnknown) { keysOf.apply(o).forEach(queue::add); }
    });
    return this;
  }

  /** Queues each object's own key. */
  public <T extends HasMetadata> Controller watchSelf(SharedIndexInformer<T> informer) {
    return watch(informer, o -> List.of(Keys.of(o)));
  }

  public synchronized Controller start() {
    for (int i = 0; i < workers; i++) threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::work));
    return this;
  }

  private void work() {
    try {
      for (Optional<String> k = queue.take(); k.isPresent(); k = queue.take()) {
        processKey(k.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs one reconcile of {@code key} and schedules what follows; the queue's contract is kept. */
  void processKey(String key) {
    try {
      switch (reconciler.reconcile(key)) {
        case Reconciler.Outcome.Done d -> queue.forget(key);
        case Reconciler.Outcome.RequeueAfter r -> {
          queue.forget(key);
          queue.addAfter(key, r.delay());
        }
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) LOG.debug("{}: {} is stale ({}), retrying", name, key, e.getCode());
      else LOG.warn("{}: syncing {} failed ({}), retrying with backoff: {}", name, key, e.getCode(), e.getMessage());
      queue.addRateLimited(key);
    } catch (Exception e) {
      LOG.warn("{}: syncing {} failed, retrying with backoff", name, key, e);
      queue.addRateLimited(key);
    } finally {
      queue.done(key);
    }
  }

  @Override public synchronized void close() {
    queue.shutDown();
    threads.forEach(Thread::interrupt);
    threads.clear();
  }
}
