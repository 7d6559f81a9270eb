package io.j8s.testkit.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.base.queue.Backoff;
import io.j8s.base.queue.WorkQueue;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code count} Nodes named {@code <prefix>-0..} and plays their kubelets: Leases in
 * {@code kube-node-lease} renewed every 10 s, bound pods marked Running and Ready, pods being
 * deleted removed once their deletionTimestamp is set. {@link #fail} stops one node's heartbeat
 * and pod handling, {@link #recover} resumes it.
 */
public final class SimulatedNodes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodes.class);
  static final Duration RENEW_EVERY = Duration.ofSeconds(10);
  private static final int WORKERS = 16;

  private final KubernetesClient client;
  private final List<String> names;
  private final Map<String, Integer> index = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> podsStarted = new ConcurrentHashMap<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final WorkQueue<String> pods = new WorkQueue<>(Clock.system(), new Backoff(Duration.ofMillis(20), Duration.ofSeconds(5)));
  private final List<Thread> threads = new ArrayList<>();
  private final SharedIndexInformer<Pod> podInformer;
  private volatile boolean closed;

  private SimulatedNodes(KubernetesClient client, String prefix, int count) {
    this.client = client;
    List<String> n = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      n.add(prefix + "-" + i);
      index.put(prefix + "-" + i, i);
    }
    this.names = List.copyOf(n);
    this.podInformer = client.pods().inAnyNamespace().runnableInformer(0);
  }

  public static SimulatedNodes start(KubernetesClient client, int count) {
    return start(client, "sim", count);
  }

  public static SimulatedNodes start(KubernetesClient client, String prefix, int count) {
    SimulatedNodes s = new SimulatedNodes(client, prefix, count);
    s.register();
    s.run();
    return s;
  }

  public List<String> names() { return names; }

  /** The node stops renewing its Lease and stops handling its pods, like a lost machine. */
  public void fail(String node) { failed.add(requireNode(node)); }

  /** The node heartbeats, reports itself Ready and handles its pods again, as a restarted kubelet does. */
  public void recover(String node) {
    failed.remove(requireNode(node));
    postStatus(node, index.get(node));
    renew(node);
    podInformer.getStore().list().stream().filter(p -> node.equals(p.getSpec().getNodeName())).forEach(p -> pods.add(key(p)));
  }

  private String requireNode(String node) {
    if (!index.containsKey(node)) throw new IllegalArgumentException("not a simulated node: " + node + " (have " + names.size() + " named like " + names.get(0) + ")");
    return node;
  }

  private void register() {
    Thread[] regs = new Thread[Math.min(WORKERS, names.size())];
    for (int w = 0; w < regs.length; w++) {
      int start = w;
      regs[w] = Thread.ofVirtual().start(() -> {
        for (int i = start; i < names.size(); i += regs.length) registerNode(names.get(i), i);
      });
    }
    for (Thread t : regs) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while registering simulated nodes", e);
      }
    }
  }

  private void registerNode(String name, int i) {
    Node node = SimNodeShape.node(name, i, now());
    try {
      client.nodes().resource(node).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) throw e;
    }
    postStatus(name, i);
    renew(name);
  }

  /** Ready, with fresh heartbeats, like a kubelet's status update. */
  private void postStatus(String name, int i) {
    var status = SimNodeShape.node(name, i, now()).getStatus();
    client.nodes().withName(name).editStatus(n -> {
      n.setStatus(status);
      return n;
    });
  }

  private void run() {
    podInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Pod p) { offer(p); }

      @Override public void onUpdate(Pod a, Pod b) { offer(b); }

      @Override public void onDelete(Pod p, boolean unknown) {}
    });
    podInformer.start();
    for (int i = 0; i < WORKERS; i++) threads.add(Thread.ofVirtual().name("sim-kubelet-" + i).start(this::work));
    threads.add(Thread.ofVirtual().name("sim-heartbeat").start(this::heartbeat));
  }

  private void offer(Pod p) {
    String node = p.getSpec().getNodeName();
    if (node != null && index.containsKey(node) && !failed.contains(node) && SimPodStatus.needsWork(p)) pods.add(key(p));
  }

  private void work() {
    try {
      for (Optional<String> k = pods.take(); k.isPresent(); k = pods.take()) {
        try {
          handle(k.get());
          pods.forget(k.get());
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) pods.addRateLimited(k.get());
        } catch (RuntimeException e) {
          LOG.warn("simulated kubelet: {} failed", k.get(), e);
          pods.addRateLimited(k.get());
        } finally {
          pods.done(k.get());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(String key) {
    Pod p = podInformer.getStore().getByKey(key);
    if (p == null || failed.contains(p.getSpec().getNodeName()) || !SimPodStatus.needsWork(p)) return;
    var pod = client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName());
    if (p.getMetadata().getDeletionTimestamp() != null) {
      pod.withGracePeriod(0).delete();
      return;
    }
    String node = p.getSpec().getNodeName();
    Node n = client.nodes().withName(node).get();
    int i = index.get(node);
    String ip = SimNodeShape.podIp(i, n == null ? null : n.getSpec().getPodCIDR(), podsStarted.computeIfAbsent(node, x -> new AtomicInteger()).getAndIncrement());
    Pod running = SimPodStatus.running(p, SimNodeShape.internalIp(i), ip, now());
    client.pods().inNamespace(p.getMetadata().getNamespace()).resource(running).updateStatus();
  }

  private void heartbeat() {
    while (!closed) {
      long sliceNanos = RENEW_EVERY.toNanos() / Math.max(1, names.size());
      for (String name : names) {
        if (closed) return;
        if (!failed.contains(name)) {
          try {
            renew(name);
          } catch (RuntimeException e) {
            LOG.debug("lease renewal of {} failed: {}", name, e.toString());
          }
        }
        try {
          Thread.sleep(Duration.ofNanos(sliceNanos));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void renew(String name) {
    var leases = client.leases().inNamespace("kube-node-lease");
    Lease current = leases.withName(name).get();
    ZonedDateTime t = now();
    if (current == null) {
      Lease l = new LeaseBuilder().withNewMetadata().withName(name).withNamespace("kube-node-lease").endMetadata()
          .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(t).endSpec().build();
      try {
        leases.resource(l).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) throw e;
        current = leases.withName(name).get();
      }
    }
    current.getSpec().setRenewTime(t);
    current.getSpec().setHolderIdentity(name);
    leases.resource(current).update();
  }

  private static ZonedDateTime now() { return ZonedDateTime.now(ZoneOffset.UTC); }

  private static String key(Pod p) { return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(); }

  @Override public void close() {
    closed = true;
    pods.shutDown();
    threads.forEach(Thread::interrupt);
    podInformer.close();
  }
}
