package io.j8s.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.scheduler.SchedulerEngine.Event;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler loop: shared Node and Pod informers feed the {@link SchedulerEngine}'s inbox
 * (handlers only enqueue), one virtual thread runs scheduling cycles, and an {@link ApiBinder}
 * binds asynchronously. Started by the controller manager while it leads.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  static final long MAX_IDLE_NANOS = Duration.ofSeconds(1).toNanos();
  private final ControllerContext ctx;
  private final SchedulerEngine engine;
  private final ApiBinder binder;
  private volatile boolean running = true;
  private Thread loop;

  /** Registers the informer handlers; {@link #start} once the informers have synced. */
  public Scheduler(ControllerContext ctx, long seed) {
    this.ctx = ctx;
    this.engine = new SchedulerEngine(ctx.clock(), seed);
    this.binder = new ApiBinder(ctx.client(), ctx.events(), ctx.clock(), engine);
    ctx.informers().of(Node.class).addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Node n) { engine.post(new Event.NodeUpsert(n)); }
      @Override public void onUpdate(Node a, Node b) { engine.post(new Event.NodeUpsert(b)); }
      @Override public void onDelete(Node n, boolean unknown) { engine.post(new Event.NodeDelete(n.getMetadata().getName())); }
    });
    ctx.informers().of(Pod.class).addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Pod p) { engine.post(new Event.PodUpsert(p)); }
      @Override public void onUpdate(Pod a, Pod b) { engine.post(new Event.PodUpsert(b)); }
      @Override public void onDelete(Pod p, boolean unknown) { engine.post(new Event.PodDelete(p)); }
    });
  }

  public Scheduler(ControllerContext ctx) {
    this(ctx, System.nanoTime());
  }

  public synchronized Scheduler start() {
    loop = Thread.ofVirtual().name("scheduler").start(this::run);
    return this;
  }

  private void run() {
    while (running) {
      try {
        switch (engine.scheduleOne()) {
          case SchedulerEngine.Attempt.Assumed a -> binder.bind(a.pod(), a.node(), a.attempt());
          case SchedulerEngine.Attempt.Failed f -> binder.unschedulable(f.pod(), f.decision());
          case SchedulerEngine.Attempt.Idle i -> {
            long wait = engine.nextDueNanos().map(due -> due - ctx.clock().nanoTime()).orElse(MAX_IDLE_NANOS);
            engine.awaitEvent(Math.min(MAX_IDLE_NANOS, Math.max(1_000_000, wait)));
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("scheduling cycle failed", e);
      }
    }
  }

  @Override public synchronized void close() {
    running = false;
    if (loop != null) loop.interrupt();
  }
}
