package io.j8s.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.queue.Backoff;
import io.j8s.base.queue.WorkQueue;
import io.j8s.kubelet.cri.CriRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pods: an informer on the pods bound to this node, a work queue of pod uids (a uid is
 * never synced by two workers at once), workers on virtual threads running {@link PodSync}, a relist of
 * the runtime every second (pods whose containers changed state are synced, as upstream's PLEG; its
 * listing is what the workers read pods' objects from while it is fresh), and a resync every
 * {@code resyncPeriod} that also finds runtime objects of pods the API no longer has.
 * Status goes through the status subresource only when it changed; a deleted pod whose containers
 * have stopped is deleted for good (grace 0, uid precondition). Closing stops the workers; the
 * containers keep running and are adopted by the next start.
 */
public final class PodManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodManager.class);
  static final int WORKERS = 32;
  static final Duration RELIST_PERIOD = Duration.ofSeconds(1);
  private final KubernetesClient client;
  private final PodManagerConfig cfg;
  private final PodSync sync;
  private final CriRuntime cri;
  private final WorkQueue<String> queue;
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Map<String, Pod> mirrors = new ConcurrentHashMap<>(); // by namespace/name
  private final MirrorPods mirrorPods;
  private final io.j8s.kubelet.stats.PodWorkerMetrics metrics = new io.j8s.kubelet.stats.PodWorkerMetrics();
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>(); // uid -> nanoTime, until the pod first ran
  private final List<Thread> threads = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicReference<RuntimeListing> listing = new java.util.concurrent.atomic.AtomicReference<>();
  private SharedIndexInformer<Pod> informer;
  private volatile boolean closed;
  private volatile boolean apiSynced; // the informer listed once: a uid it does not know is an orphan

  private PodManager(KubernetesClient client, CriRuntime cri, PodManagerConfig cfg) {
    this.client = client;
    this.cfg = cfg;
    this.cri = cri;
    this.sync = new PodSync(PodRuntime.of(cri), cfg, hostResolv(cfg.resolvConf()), Path.of("/sys/fs/cgroup"), listing::get,
        System::nanoTime);
    this.queue = new WorkQueue<>(cfg.clock(), new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)));
    this.mirrorPods = new MirrorPods(client, cfg.nodeName());
  }

  /** Starts the informer, waits for its first list, then the workers and the resync loop. */
  public static PodManager start(KubernetesClient client, CriRuntime cri, PodManagerConfig config) {
    return start(client, cri, config, List.of(), Duration.ofSeconds(60));
  }

  /**
   * Starts with these static pods (see {@link #updateStaticPods}) and the informer, which retries
   * until the API answers; waits at most {@code apiWait} for its first list, so static pods run
   * while the API is unreachable. Until the informer has listed, runtime objects of unknown pods
   * are left alone (they may be API pods not yet seen).
   */
  public static PodManager start(KubernetesClient client, CriRuntime cri, PodManagerConfig config, List<Pod> staticPods,
      Duration apiWait) {
    PodManager m = new PodManager(client, cri, config);
    for (Pod p : staticPods) m.put(p);
    m.informer = podInformer(client, config.nodeName(), () -> m.closed);
    m.informer.addEventHandler(m.handler());
    var synced = m.informer.start().toCompletableFuture();
    try {
      synced.get(apiWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("the API did not list the pods of node {} within {} s: running the static pods meanwhile", config.nodeName(),
          apiWait.toSeconds());
    } catch (Exception e) {
      m.informer.stop();
      throw new IllegalStateException("the pod informer for node " + config.nodeName() + " failed: " + e, e);
    }
    m.threads.add(Thread.ofVirtual().name("pod-api-sync").start(m::awaitApiSync));
    for (int i = 0; i < WORKERS; i++) m.threads.add(Thread.ofVirtual().name("pod-worker-" + i).start(m::work));
    m.threads.add(Thread.ofVirtual().name("pod-resync").start(m::resyncLoop));
    m.threads.add(Thread.ofVirtual().name("pod-relist").start(m::relistLoop));
    return m;
  }

  /** The informer on the node's pods; it retries (also its first list) until closed. */
  static SharedIndexInformer<Pod> podInformer(KubernetesClient client, String nodeName, java.util.function.BooleanSupplier closed) {
    SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).runnableInformer(0);
    informer.exceptionHandler((started, t) -> {
      LOG.debug("pod informer: {}", t.toString());
      return !closed.getAsBoolean();
    });
    return informer;
  }

  private void awaitApiSync() {
    while (!closed && !informer.hasSynced()) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
    if (closed) return;
    apiSynced = true;
    enqueueOrphans(); // known pods were queued by the informer's adds; adopted containers keep running
    deleteOrphanedMirrors();
  }

  /**
   * The static pods now (the whole set from the manifest source): new ones are added, those no
   * longer there are terminated gracefully (then their mirror goes). A changed manifest is a new
   * uid: the old pod terminates and the new one starts once it is gone (as upstream, one static
   * pod per full name runs at a time).
   */
  public synchronized void updateStaticPods(List<Pod> staticPods) {
    Map<String, Pod> wanted = new java.util.HashMap<>();
    for (Pod p : staticPods) wanted.put(p.getMetadata().getUid(), p);
    for (Pod cur : pods.values()) {
      String uid = cur.getMetadata().getUid();
      if (!StaticPods.isStatic(cur) || wanted.containsKey(uid) || cur.getMetadata().getDeletionTimestamp() != null) continue;
      Pod deleting = new io.fabric8.kubernetes.api.model.PodBuilder(cur).editMetadata()
          .withDeletionTimestamp(cfg.clock().now().toString()).withDeletionGracePeriodSeconds(ContainerConfigs.gracePeriod(cur))
          .endMetadata().build();
      pods.put(uid, deleting);
      queue.add(uid);
    }
    for (Pod p : wanted.values()) {
      if (pods.putIfAbsent(p.getMetadata().getUid(), p) == null) queue.add(p.getMetadata().getUid());
    }
  }

  /** Queues a pod for a sync now (the probe manager calls this when readiness changes). */
  public void resync(String podUid) { queue.add(podUid); }

  /** The pod with this uid as the informer last saw it, if it is bound to this node. */
  public java.util.Optional<Pod> pod(String uid) { return java.util.Optional.ofNullable(pods.get(uid)); }

  /** Pod start and pod worker durations. */
  public io.j8s.kubelet.stats.PodWorkerMetrics metrics() { return metrics; }

  /** The pods bound to this node, as the informer last saw them. */
  public List<Pod> pods() { return List.copyOf(pods.values()); }

  private ResourceEventHandler<Pod> handler() {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(Pod p) {
        if (StaticPods.isMirror(p)) {
          mirrorChanged(p, false);
        } else {
          put(p);
        }
      }

      @Override public void onUpdate(Pod old, Pod p) {
        if (StaticPods.isMirror(p)) {
          mirrorChanged(p, false);
        } else if (specChanged(old, p)) {
          put(p);
        } else { // a status-only change (often our own write): remembered, no sync, as upstream's pod config source
          pods.merge(p.getMetadata().getUid(), p, (a, b) -> newer(b, a) ? b : a);
        }
      }

      @Override public void onDelete(Pod p, boolean unknownFinalState) {
        if (StaticPods.isMirror(p)) {
          mirrorChanged(p, true);
          return;
        }
        pods.remove(p.getMetadata().getUid());
        queue.add(p.getMetadata().getUid());
      }
    };
  }

  /** A mirror pod changed or went: its static pod (same full name) syncs, which makes it current again. */
  private void mirrorChanged(Pod mirror, boolean deleted) {
    String key = StaticPods.fullName(mirror);
    if (deleted) {
      mirrors.computeIfPresent(key, (k, cur) -> cur.getMetadata().getUid().equals(mirror.getMetadata().getUid()) ? null : cur);
    } else {
      mirrors.put(key, mirror);
    }
    for (Pod p : pods.values()) {
      if (StaticPods.isStatic(p) && StaticPods.fullName(p).equals(key)) queue.add(p.getMetadata().getUid());
    }
  }

  private void put(Pod p) {
    String uid = p.getMetadata().getUid();
    if (!pods.containsKey(uid) && p.getMetadata().getDeletionTimestamp() == null) sync.trace().begin(uid);
    pods.merge(uid, p, (a, b) -> newer(b, a) ? b : a);
    queue.add(uid);
  }

  private void work() {
    while (!closed) {
      String uid;
      try {
        uid = queue.take().orElse(null);
      } catch (InterruptedException e) {
        return;
      }
      if (uid == null) return;
      try {
        syncOne(uid);
        queue.forget(uid);
      } catch (RuntimeException e) {
        if (closed) return;
        LOG.warn("sync of pod {} failed (retrying): {}", describe(uid), e.toString());
        queue.addRateLimited(uid);
      } finally {
        queue.done(uid);
      }
    }
  }

  private void syncOne(String uid) {
    Pod pod = pods.get(uid);
    if (pod == null && !apiSynced) return; // maybe an API pod the informer has not listed yet: left alone
    boolean isStatic = pod != null && StaticPods.isStatic(pod);
    if (isStatic && pod.getMetadata().getDeletionTimestamp() == null && predecessorTerminating(pod)) {
      queue.addAfter(uid, Duration.ofSeconds(1));
      return;
    }
    sync.trace().mark(uid, "dequeued");
    long t0 = System.nanoTime();
    boolean first = pod != null && firstSeen.putIfAbsent(uid, t0) == null;
    String op = pod == null || pod.getMetadata().getDeletionTimestamp() != null ? "kill" : first ? "create" : "sync";
    PodSync.Result r;
    try {
      r = sync.sync(uid, pod);
    } finally {
      metrics.workerRan(op, Duration.ofNanos(System.nanoTime() - t0));
    }
    long t1 = System.nanoTime();
    boolean running = r.status() != null && "Running".equals(r.status().getPhase());
    if (running) sync.trace().mark(uid, "status-computed");
    if (pod == null || r.readyToDelete()) {
      firstSeen.remove(uid);
    } else if (running) {
      Long seen = firstSeen.replace(uid, Long.MIN_VALUE);
      if (seen != null && seen != Long.MIN_VALUE) metrics.podStarted(Duration.ofNanos(t1 - seen));
    }
    if (isStatic) {
      syncStatic(pod, r);
      if (running) traced(uid);
      if (r.requeueAfter() != null) queue.addAfter(uid, r.requeueAfter());
      return;
    }
    if (pod != null && r.status() != null) {
      writeStatus(pod, r.status());
      if (running) traced(uid);
      if (!r.readyToDelete()) {
        try {
          cfg.observer().synced(pod, r.status());
        } catch (RuntimeException e) {
          LOG.warn("observer of pod {} failed: {}", describe(uid), e.toString());
        }
      }
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("synced pod {} in {} ms, status written in {} ms", describe(uid), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }
    if (r.readyToDelete()) delete(pod);
    if (r.requeueAfter() != null) queue.addAfter(uid, r.requeueAfter());
  }

  private void traced(String uid) {
    sync.trace().finish(uid).ifPresent(t -> LOG.info("pod {} Running, start {}", describe(uid), t));
  }

  /** A static pod's status is kept in memory and written to its mirror; once terminated it is forgotten and its mirror deleted. */
  private void syncStatic(Pod pod, PodSync.Result r) {
    String uid = pod.getMetadata().getUid();
    if (r.status() != null) {
      pods.computeIfPresent(uid, (k, cur) -> new io.fabric8.kubernetes.api.model.PodBuilder(cur).withStatus(r.status()).build());
      if (!r.readyToDelete()) {
        try {
          cfg.observer().synced(pod, r.status());
        } catch (RuntimeException e) {
          LOG.warn("observer of pod {} failed: {}", describe(uid), e.toString());
        }
      }
    }
    Pod mirror = mirrors.get(StaticPods.fullName(pod));
    // while the API is unreachable the informer is not watching: mirror writes would only block this worker in
    // the client's retries (the resync after it watches again makes the mirror current)
    boolean api = informer != null && informer.isWatching();
    if (r.readyToDelete()) {
      pods.remove(uid);
      sync.forget(uid);
      if (api && mirror != null && uid.equals(StaticPods.annotation(mirror, StaticPods.CONFIG_MIRROR))) {
        mirrorPods.delete(mirror.getMetadata().getNamespace(), mirror.getMetadata().getName(), mirror.getMetadata().getUid());
      }
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null || !api) return;
    Pod written = mirrorPods.sync(pod, r.status(), mirror);
    if (written != null) mirrors.merge(StaticPods.fullName(pod), written, (cur, w) -> newer(w, cur) ? w : cur);
  }

  /** Another static pod of the same full name is still terminating: this one waits for it. */
  private boolean predecessorTerminating(Pod pod) {
    String name = StaticPods.fullName(pod);
    for (Pod p : pods.values()) {
      if (p != pod && StaticPods.isStatic(p) && p.getMetadata().getDeletionTimestamp() != null && StaticPods.fullName(p).equals(name)
          && !p.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
        return true;
      }
    }
    return false;
  }

  /** Mirror pods whose static pod (same full name and hash) is gone: deleted, as upstream's HandlePodCleanups. */
  private void deleteOrphanedMirrors() {
    if (!informer.isWatching()) return;
    Map<String, Pod> running = new java.util.HashMap<>();
    for (Pod p : pods.values()) {
      if (StaticPods.isStatic(p) && p.getMetadata().getDeletionTimestamp() == null) running.put(StaticPods.fullName(p), p);
    }
    for (Pod m : mirrors.values()) {
      if (StaticPods.orphaned(m, running)) {
        mirrorPods.delete(m.getMetadata().getNamespace(), m.getMetadata().getName(), m.getMetadata().getUid());
      }
    }
  }

  private void writeStatus(Pod pod, PodStatus status) {
    if (status.equals(pod.getStatus())) return;
    Pod copy = new io.fabric8.kubernetes.api.model.PodBuilder(pod).withStatus(status).build();
    try {
      Pod written = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).updateStatus();
      pods.computeIfPresent(pod.getMetadata().getUid(), (k, cur) -> newer(written, cur) ? written : cur);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) return;
      if (e.getCode() == 409) { // the informer will bring the newer object; sync again with it
        queue.addAfter(pod.getMetadata().getUid(), Duration.ofMillis(100));
        return;
      }
      throw e;
    }
  }

  /** Deletes the API object for good, only if it is still the same pod (upstream's status manager does the same). */
  private void delete(Pod pod) {
    var m = pod.getMetadata();
    String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + m.getNamespace() + "/pods/" + m.getName();
    Map<String, Object> options = Map.of("apiVersion", "v1", "kind", "DeleteOptions", "gracePeriodSeconds", 0,
        "preconditions", Map.of("uid", m.getUid()));
    try {
      client.raw(url, "DELETE", options);
      LOG.info("pod {}/{} terminated and deleted", m.getNamespace(), m.getName());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) throw e;
    }
  }

  private void resyncLoop() {
    while (!closed) {
      try {
        Thread.sleep(cfg.resyncPeriod());
      } catch (InterruptedException e) {
        return;
      }
      pods.keySet().forEach(queue::add);
      if (!apiSynced) continue;
      try {
        enqueueOrphans();
      } catch (RuntimeException e) {
        LOG.warn("listing the runtime's pods failed: {}", e.toString());
      }
      deleteOrphanedMirrors();
    }
  }

  /** Every second: the pods whose containers or sandboxes changed state in the runtime are synced (a PLEG). */
  private void relistLoop() {
    Relist relist = new Relist();
    while (!closed) {
      try {
        long started = System.nanoTime();
        RuntimeListing l = RuntimeListing.of(started, cri.listPodSandbox(), cri.listContainers());
        listing.set(l);
        relist.changed(l, sync::seen).forEach(queue::add);
      } catch (RuntimeException e) {
        LOG.debug("relist failed: {}", e.toString());
      }
      try {
        Thread.sleep(RELIST_PERIOD);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Queues the uids that have runtime objects but no pod: their sync stops and removes them. */
  private void enqueueOrphans() {
    RuntimeListing l = listing.get();
    Set<String> orphans = new HashSet<>(l != null && l.usableFor(null, System.nanoTime()) ? l.podUids() : sync.reader().podUids());
    orphans.removeAll(pods.keySet());
    orphans.forEach(queue::add);
  }

  private String describe(String uid) {
    Pod p = pods.get(uid);
    return p == null ? uid : p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + " (" + uid + ")";
  }

  /** What the pod worker acts on changed: the spec, labels, annotations or the deletion. */
  static boolean specChanged(Pod a, Pod b) {
    var ma = a.getMetadata();
    var mb = b.getMetadata();
    return !java.util.Objects.equals(a.getSpec(), b.getSpec()) || !java.util.Objects.equals(ma.getDeletionTimestamp(), mb.getDeletionTimestamp())
        || !java.util.Objects.equals(ma.getDeletionGracePeriodSeconds(), mb.getDeletionGracePeriodSeconds())
        || !java.util.Objects.equals(ma.getLabels(), mb.getLabels()) || !java.util.Objects.equals(ma.getAnnotations(), mb.getAnnotations())
        || !java.util.Objects.equals(ma.getUid(), mb.getUid());
  }

  static boolean newer(Pod a, Pod b) {
    try {
      return Long.parseLong(a.getMetadata().getResourceVersion()) >= Long.parseLong(b.getMetadata().getResourceVersion());
    } catch (NumberFormatException | NullPointerException e) {
      return true;
    }
  }

  static Dns.HostResolv hostResolv(Path resolvConf) {
    try {
      return resolvConf == null ? Dns.HostResolv.EMPTY : Dns.HostResolv.parse(Files.readString(resolvConf));
    } catch (IOException e) {
      return Dns.HostResolv.EMPTY;
    }
  }

  @Override
  public void close() {
    closed = true;
    if (informer != null) informer.stop();
    queue.shutDown();
    for (Thread t : threads) t.interrupt();
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
