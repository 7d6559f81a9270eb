package io.j8s.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.j8s.base.time.Clock;
import io.j8s.controllers.scheduler.framework.Algorithm;
import io.j8s.controllers.scheduler.framework.Decision;
import io.j8s.controllers.scheduler.framework.InterPodAffinity;
import io.j8s.controllers.scheduler.framework.NodeInfo;
import io.j8s.controllers.scheduler.framework.PodInfo;
import io.j8s.controllers.scheduler.framework.TopologySpread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's state and one scheduling cycle, owned by one thread. Informer events and binding
 * failures arrive from other threads through {@link #post} and are applied at the start of each
 * cycle, so the node cache is never read while it changes and needs no copy per pod. The cache
 * holds every bound pod (not terminal) on its node, and the pods this scheduler has assumed onto a
 * node while their binding is in flight, so capacity counts them before the informer sees them; a
 * failed binding forgets the assumption and retries the pod after its backoff, and so does a
 * binding left unanswered for {@link #BIND_TIMEOUT} (see {@link AssumedPods}).
 */
public final class SchedulerEngine {
  public static final String DEFAULT_SCHEDULER = "default-scheduler";
  /** How long an unanswered binding holds its pod's assumed room (the binder's own call gives up after 30 s). */
  public static final Duration BIND_TIMEOUT = Duration.ofMinutes(2);

  /** What happens to the cluster, as the engine hears of it. */
  public sealed interface Event {
    record NodeUpsert(Node node) implements Event {}
    record NodeDelete(String name) implements Event {}
    record PodUpsert(Pod pod) implements Event {}
    record PodDelete(Pod pod) implements Event {}
    /** The API refused (or never answered) the binding of attempt {@code attempt}. */
    record BindFailed(String key, long attempt) implements Event {}
    /** The API accepted the binding of attempt {@code attempt}; the informer will show it. */
    record Bound(String key, long attempt) implements Event {}
  }

  /** The result of one cycle. */
  public sealed interface Attempt {
    record Idle() implements Attempt {}
    /** Assumed onto {@code node}; the caller binds it through the API and answers with {@code attempt}. */
    record Assumed(PodInfo pod, String node, Decision.Bind decision, long attempt) implements Attempt {}
    record Failed(PodInfo pod, Decision.Unschedulable decision) implements Attempt {}
  }

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerEngine.class);
  private static final Set<String> UNBLOCKED_BY_POD_ADD = Set.of(InterPodAffinity.AFFINITY, TopologySpread.MISMATCH);

  private final Clock clock;
  private final Random random;
  private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final SchedulingQueue queue;
  private final Map<String, NodeInfo> nodes = new TreeMap<>();
  private final Map<String, String> podNode = new HashMap<>();
  private final AssumedPods assumed = new AssumedPods();
  private final long bindTimeoutNanos;
  private List<NodeInfo> nodeList;

  public SchedulerEngine(Clock clock, long seed) {
    this(clock, seed, BIND_TIMEOUT);
  }

  public SchedulerEngine(Clock clock, long seed, Duration bindTimeout) {
    this.clock = clock;
    this.random = new Random(seed);
    this.queue = new SchedulingQueue(clock);
    this.bindTimeoutNanos = bindTimeout.toNanos();
  }

  /** Thread-safe: hands an event to the scheduling thread. */
  public void post(Event e) {
    inbox.add(e);
  }

  /** Applies every posted event. */
  public void drain() {
    for (Event e = inbox.poll(); e != null; e = inbox.poll()) apply(e);
  }

  /** Waits up to {@code nanos} (real time) for an event and applies it; true if one came. */
  public boolean awaitEvent(long nanos) throws InterruptedException {
    Event e = inbox.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    if (e == null) return false;
    apply(e);
    drain();
    return true;
  }

  /** Schedules the next ready pod, if any. */
  public Attempt scheduleOne() {
    drain();
    expireBindings();
    Optional<PodInfo> next = queue.pop();
    if (next.isEmpty()) return new Attempt.Idle();
    PodInfo pod = next.get();
    switch (Algorithm.schedule(pod, nodeList(), random)) {
      case Decision.Bind b -> {
        place(pod, b.node());
        long attempt = assumed.assume(pod.key(), b.node(), clock.nanoTime(), bindTimeoutNanos);
        return new Attempt.Assumed(pod, b.node(), b, attempt);
      }
      case Decision.Unschedulable u -> {
        Set<String> failed = new HashSet<>();
        u.reasons().values().forEach(failed::addAll);
        queue.unschedulable(pod.key(), failed);
        return new Attempt.Failed(pod, u);
      }
    }
  }

  /** When the queue next has work of its own, in {@link Clock#nanoTime} terms. */
  public Optional<Long> nextDueNanos() {
    Optional<Long> q = queue.nextDueNanos();
    Optional<Long> a = assumed.nextDeadlineNanos();
    return q.isEmpty() ? a : a.isEmpty() ? q : Optional.of(Math.min(q.get(), a.get()));
  }

  /** Unanswered bindings past their deadline: the pod leaves its node and is tried again after its backoff. */
  private void expireBindings() {
    List<String> expired = assumed.expire(clock.nanoTime());
    for (String key : expired) {
      LOG.warn("binding of {} unanswered for {}; no longer assumed on a node, retrying", key, Duration.ofNanos(bindTimeoutNanos));
      unplace(key);
      queue.retry(key);
    }
    if (!expired.isEmpty()) queue.moveAll(f -> true);
  }

  public SchedulingQueue queue() { return queue; }

  /** The nodes as the scheduler sees them (read on the scheduling thread only). */
  public List<NodeInfo> nodeList() {
    if (nodeList == null) nodeList = new ArrayList<>(nodes.values());
    return nodeList;
  }

  public boolean isAssumed(String key) { return assumed.contains(key); }

  void apply(Event e) {
    switch (e) {
      case Event.NodeUpsert u -> {
        String name = u.node().getMetadata().getName();
        NodeInfo n = nodes.get(name);
        if (n == null) {
          n = new NodeInfo(name);
          nodes.put(name, n);
          nodeList = null;
        }
        Object before = facts(n);
        n.setNode(u.node());
        if (!facts(n).equals(before)) queue.moveAll(f -> true);
      }
      case Event.NodeDelete d -> {
        NodeInfo n = nodes.get(d.name());
        if (n == null) return;
        n.setNode(null);
        if (n.podCount() == 0) {
          nodes.remove(d.name());
          nodeList = null;
        }
      }
      case Event.PodUpsert u -> podUpsert(u.pod());
      case Event.PodDelete d -> {
        String key = PodInfo.of(d.pod()).key();
        queue.delete(key);
        assumed.forget(key);
        if (unplace(key)) queue.moveAll(f -> true);
      }
      case Event.Bound b -> assumed.bound(b.key(), b.attempt());
      case Event.BindFailed f -> {
        if (!assumed.failed(f.key(), f.attempt())) return; // an older attempt's late answer
        unplace(f.key());
        queue.retry(f.key());
        queue.moveAll(x -> true);
      }
    }
  }

  private void podUpsert(Pod pod) {
    PodInfo p = PodInfo.of(pod);
    String node = p.nodeName();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
    if (node != null && !node.isEmpty()) {
      queue.delete(p.key());
      assumed.forget(p.key());
      if (terminal) {
        if (unplace(p.key())) queue.moveAll(f -> true);
        return;
      }
      boolean added = !node.equals(podNode.get(p.key()));
      place(p, node);
      if (added) queue.moveAll(f -> f.stream().anyMatch(UNBLOCKED_BY_POD_ADD::contains));
      return;
    }
    if (assumed.contains(p.key())) return; // our binding is in flight; this is an older view
    String scheduler = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
    boolean ours = scheduler == null || scheduler.isEmpty() || DEFAULT_SCHEDULER.equals(scheduler);
    if (!ours || terminal || p.terminating()) queue.delete(p.key());
    else queue.upsert(p);
  }

  private void place(PodInfo p, String node) {
    String was = podNode.put(p.key(), node);
    if (was != null && !was.equals(node)) remove(was, p.key());
    nodes.computeIfAbsent(node, k -> {
      nodeList = null;
      return new NodeInfo(k);
    }).addPod(p);
  }

  private boolean unplace(String key) {
    String was = podNode.remove(key);
    if (was == null) return false;
    remove(was, key);
    return true;
  }

  private void remove(String node, String key) {
    NodeInfo n = nodes.get(node);
    if (n == null) return;
    n.removePod(key);
    if (n.node() == null && n.podCount() == 0) {
      nodes.remove(node);
      nodeList = null;
    }
  }

  /** What a node change must alter for waiting pods to deserve another try. */
  private static Object facts(NodeInfo n) {
    return List.of(n.node() != null, n.labels(), n.taints(), n.unschedulable(), n.ready(), n.allocatable(), n.allowedPods());
  }
}
