package io.j8s.network.policy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.api.net.Ipv4;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.conntrack.Conntrack;
import io.j8s.hostnet.nftables.Nftables;
import io.j8s.hostnet.sysctl.Sysctl;
import io.j8s.network.flannel.PeerNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NetworkPolicy enforcement on one node: informers on NetworkPolicies, Pods and Namespaces wake
 * one worker thread (handlers only release a permit, never block); it waits a short batch window
 * so a burst of changes is one transaction, compiles the local pods' policies from the caches
 * ({@link PolicyCompiler}) and applies them ({@link PolicyApplier}); also every {@code resync},
 * and again a second after a failure. Pod updates that change nothing a policy sees (status
 * conditions, annotations) do not wake it. The table stays when it closes (a restarted agent
 * replaces it; {@link #cleanup()} removes it).
 */
public final class NetworkPolicyController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkPolicyController.class);
  static final String BRIDGE_SYSCTL = "net.bridge.bridge-nf-call-iptables";

  /**
   * @param nodeName the node whose pods are enforced
   * @param batch how long a wake-up waits for more changes before applying
   * @param resync how often it re-applies without changes
   * @param relay whether the cluster's Services are relayed by the userspace proxy: then every
   *     round also publishes the cluster-wide {@link PolicyVerdicts} the relay asks, and the table
   *     admits relayed connections from every Node's addresses
   * @param ipvsServices when this node's proxy is IPVS, the Service address ranges it serves
   *     (judged after IPVS picks the endpoint); empty otherwise
   */
  public record Config(String nodeName, Duration batch, Duration resync, boolean relay, List<String> ipvsServices) {
    public Config {
      ipvsServices = List.copyOf(ipvsServices);
    }

    public static Config of(String nodeName) {
      return new Config(nodeName, Duration.ofMillis(150), Duration.ofSeconds(60), false, List.of());
    }

    public Config withRelay(boolean relay) { return new Config(nodeName, batch, resync, relay, ipvsServices); }

    public Config withIpvsServices(List<String> ranges) { return new Config(nodeName, batch, resync, relay, ranges); }
  }

  private final KubernetesClient client;
  private final Config config;
  private final PolicyApplier applier;
  private final Consumer<String> progress;
  private final Semaphore wake = new Semaphore(0);
  /** When the oldest change not yet applied was seen (nanoTime), 0 when none. */
  private final java.util.concurrent.atomic.AtomicLong pendingSince = new java.util.concurrent.atomic.AtomicLong();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private volatile SharedIndexInformer<NetworkPolicy> policies;
  private volatile SharedIndexInformer<Pod> pods;
  private volatile SharedIndexInformer<Namespace> namespaces;
  private volatile SharedIndexInformer<Node> nodes;
  private volatile PolicyVerdicts verdicts = PolicyVerdicts.OPEN;
  private final List<Runnable> verdictListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Thread worker;
  private volatile PolicyApplier.Result last;
  private volatile String lastError = "";
  private volatile long applied;

  NetworkPolicyController(KubernetesClient client, Config config, PolicyApplier applier, Consumer<String> progress) {
    this.client = client;
    this.config = config;
    this.applier = applier;
    this.progress = progress;
  }

  /** Starts enforcing; warns (does not fail) when bridged pod traffic cannot be made to pass the filter hooks. */
  public static NetworkPolicyController start(KubernetesClient client, Config config, Nftables nft, Conntrack conntrack, Sysctl sysctl,
      Consumer<String> progress) {
    try {
      sysctl.ensure(BRIDGE_SYSCTL, "1");
    } catch (HostnetException e) {
      progress.accept("warning: could not set " + BRIDGE_SYSCTL + "=1 (" + e.getMessage() + "): network policies will not apply "
          + "between pods on the same node (load br_netfilter: modprobe br_netfilter)");
    }
    NetworkPolicyController c = new NetworkPolicyController(client, config, new PolicyApplier(nft, conntrack), progress);
    c.follow();
    return c;
  }

  private void follow() {
    long resync = config.resync().toMillis();
    policies = client.network().v1().networkPolicies().inAnyNamespace().inform(handler(p -> p), resync);
    informers.add(policies);
    namespaces = client.namespaces().inform(handler(n -> n.getMetadata().getLabels()), resync);
    informers.add(namespaces);
    pods = client.pods().inAnyNamespace().inform(handler(p -> PolicyPod.from(p)), resync);
    informers.add(pods);
    if (config.relay()) {
      nodes = client.nodes().inform(handler(NetworkPolicyController::relayAddresses), resync);
      informers.add(nodes);
    }
    worker = Thread.ofVirtual().name("network-policy").start(this::loop);
  }

  /** Wakes the worker on adds and deletes, and on updates that change what {@code seen} extracts. */
  private <T> ResourceEventHandler<T> handler(Function<T, Object> seen) {
    return new ResourceEventHandler<>() {
      @Override public void onAdd(T o) { changed(); }

      @Override public void onUpdate(T o, T n) {
        if (!Objects.equals(seen.apply(o), seen.apply(n))) changed();
      }

      @Override public void onDelete(T o, boolean unknown) { changed(); }
    };
  }

  private void changed() {
    pendingSince.compareAndSet(0, System.nanoTime());
    wake.release();
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        wake.tryAcquire(config.resync().toMillis(), TimeUnit.MILLISECONDS);
        Thread.sleep(config.batch().toMillis());
        wake.drainPermits();
        if (!synced()) {
          Thread.sleep(100);
          wake.release();
          continue;
        }
        sync();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | HostnetException e) {
        String msg = e.toString();
        if (!msg.equals(lastError)) progress.accept("network policy: applying the rules failed (retrying): " + msg);
        lastError = msg;
        LOG.debug("network policy sync", e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
        wake.release();
      }
    }
  }

  private boolean synced() {
    return policies.hasSynced() && pods.hasSynced() && namespaces.hasSynced() && (nodes == null || nodes.hasSynced());
  }

  /** One round from the informers' caches. */
  PolicyApplier.Result sync() throws HostnetException {
    long since = pendingSince.getAndSet(0);
    List<PolicyPod> ps = new ArrayList<>();
    for (Pod p : pods.getStore().list()) PolicyPod.from(p).ifPresent(ps::add);
    Map<String, Map<String, String>> ns = new HashMap<>();
    for (Namespace n : namespaces.getStore().list()) {
      ns.put(n.getMetadata().getName(), Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of()));
    }
    List<NetworkPolicy> nps = policies.getStore().list();
    SortedMap<String, PodPolicy> desired;
    ServicePath path = config.ipvsServices().isEmpty() ? ServicePath.KERNEL : new ServicePath.Ipvs(config.ipvsServices());
    if (config.relay()) {
      SortedMap<String, PodPolicy> all = PolicyCompiler.compileAll(nps, ps, ns);
      // published before the table: a relayed connection is judged by the new policies no later than the kernel's
      publish(new PolicyVerdicts(all.values()));
      desired = PolicyCompiler.onNode(all, ps, config.nodeName());
      List<String> addresses = new ArrayList<>();
      for (Node n : nodes.getStore().list()) addresses.addAll(relayAddresses(n));
      path = new ServicePath.Relay(addresses);
    } else {
      desired = PolicyCompiler.compile(nps, ps, ns, config.nodeName());
    }
    PolicyApplier.Result r = applier.apply(desired, path);
    if (!lastError.isEmpty()) progress.accept("network policy: rules applied again");
    lastError = "";
    if (r.written()) {
      applied++;
      LOG.info("node {}: network policy table written{}: {} chain(s), {} rule(s); {} flow cut(s){}", config.nodeName(),
          since == 0 ? "" : " " + (System.nanoTime() - since) / 1_000_000 + " ms after the change", r.chains(), r.rules(), r.cuts().size(),
          r.failures().isEmpty() ? "" : "; failures: " + r.failures());
    }
    last = r;
    return r;
  }

  private void publish(PolicyVerdicts v) {
    if (v.equals(verdicts)) return;
    verdicts = v;
    for (Runnable l : verdictListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.warn("a network policy verdict listener failed", e);
      }
    }
  }

  /**
   * Whether {@code client} may connect to {@code server}:{@code port} by the policies of both ends,
   * as of the last round (open before the first); only kept with {@link Config#relay()}.
   */
  public boolean allows(String client, String server, String protocol, int port) {
    return verdicts.allows(client, server, protocol, port);
  }

  /** Calls {@code listener} after every round that changed the verdicts (on the controller's thread; keep it short). */
  public void onVerdictsChanged(Runnable listener) {
    verdictListeners.add(listener);
  }

  /**
   * The addresses a node's relayed connections come from, as the pod network routes them: the
   * address it publishes for host-gw routes ({@link PeerNode#publicIp()}) and its podCIDR's network
   * address (its vxlan device's, the source of its traffic through the tunnel). None for a node
   * without a podCIDR: it has no routes to pods.
   */
  static List<String> relayAddresses(Node n) {
    return PeerNode.from(n).map(p -> List.of(p.publicIp(), Ipv4.format(Ipv4.Cidr.parse(p.podCidr()).network()))).orElse(List.of());
  }

  /** How many times the table was written (tests, metrics). */
  public long tablesWritten() { return applied; }

  public Optional<PolicyApplier.Result> lastResult() { return Optional.ofNullable(last); }

  /** Removes the table: nothing is enforced any more. */
  public void cleanup() throws HostnetException {
    applier.cleanup();
  }

  @Override public void close() {
    Thread t = worker;
    if (t != null) t.interrupt();
    for (SharedIndexInformer<?> i : informers) i.close();
  }
}
