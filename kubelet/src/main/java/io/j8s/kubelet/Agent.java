package io.j8s.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.j8s.base.process.ProcessRunner;
import io.j8s.kubelet.containerd.CgroupDriver;
import io.j8s.kubelet.env.ApiObjectLookup;
import io.j8s.kubelet.env.EnvResolver;
import io.j8s.kubelet.pod.PodManager;
import io.j8s.kubelet.pod.PodManagerConfig;
import io.j8s.kubelet.pod.PodObserver;
import io.j8s.kubelet.pod.PodEvents;
import io.j8s.kubelet.events.KubeletEvents;
import io.j8s.kubelet.pod.ProbeResults;
import io.j8s.kubelet.prober.ProbeKind;
import io.j8s.kubelet.prober.ProbeManager;
import io.j8s.kubelet.prober.ProbeOutcome;
import io.j8s.kubelet.prober.Prober;
import io.j8s.kubelet.server.KubeletServer;
import io.j8s.kubelet.server.SubjectAccessReviews;
import io.j8s.kubelet.staticpod.ManifestDir;
import io.j8s.kubelet.stats.KubeletReports;
import io.j8s.kubelet.volume.CommandMounter;
import io.j8s.kubelet.volume.PodVolumes;
import io.j8s.kubelet.volume.TokenRequestSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.api.net.Ipv4;
import io.j8s.kubelet.cri.CriRuntime;
import io.j8s.kubelet.cri.v1.VersionResponse;
import io.j8s.kubelet.node.HostFacts;
import io.j8s.kubelet.imagegc.ImageGarbageCollector;
import io.j8s.kubelet.imagegc.ImageGcPolicy;
import io.j8s.kubelet.images.ImageImporter;
import io.j8s.kubelet.images.LocalImages;
import io.j8s.kubelet.node.HostSampler;
import io.j8s.kubelet.node.LeaseHeartbeat;
import io.j8s.kubelet.node.NodeFacts;
import io.j8s.kubelet.node.NodeRegistrar;
import io.j8s.kubelet.node.NodeStatusCalculator;
import io.j8s.kubelet.node.NodeStatusLoop;
import io.j8s.kubelet.node.NodeStatusReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node agent: the container runtime (containerd started under {@code <data-dir>/agent}, or an
 * existing CRI socket), the Node registered with its status loop and Lease heartbeat, the pod
 * network configured once the node IPAM controller gives the Node a podCIDR, and the node's
 * workload components. Everything it starts is closed in reverse order by {@link #close()};
 * containers keep running (a restarted agent adopts them).
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
  /** How often the static pod manifests are read again (upstream: 20 s). */
  static final Duration STATIC_POD_POLL = Duration.ofSeconds(3);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final KubernetesClient client;
  private final AgentConfig config;
  private final Deque<AutoCloseable> started = new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final AtomicReference<String> nodeUid = new AtomicReference<>();
  private final AtomicReference<String> podCidr = new AtomicReference<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile NodeFacts facts;
  private volatile CriRuntime cri;
  private volatile CgroupDriver cgroupDriver;
  private volatile Path cniConfDir;
  private volatile NodeStatusLoop statusLoop;
  private volatile Thread network;
  private volatile AutoCloseable networkRunning;
  static final Duration PODCIDR_WARN_EVERY = Duration.ofSeconds(30);
  static final Duration NETWORK_RETRY = Duration.ofSeconds(10);
  static final Duration ADDRESS_GC_EVERY = Duration.ofMinutes(1);

  private Agent(KubernetesClient client, AgentConfig config) {
    this.client = client;
    this.config = config;
  }

  /** Starts the agent; returns once the Node is registered and its loops run (the podCIDR and readiness follow). */
  public static Agent start(KubernetesClient client, AgentConfig config) {
    Agent agent = new Agent(client, config);
    try {
      agent.startAll();
      return agent;
    } catch (RuntimeException | Error e) {
      agent.close();
      throw e;
    }
  }

  private void startAll() {
    String nodeName = config.nodeName() != null ? config.nodeName() : HostFacts.hostname();
    if (nodeName.length() > 253 || !DNS_SUBDOMAIN.matcher(nodeName).matches()) {
      throw new IllegalArgumentException("node name '" + nodeName + "' is not a lower-case DNS subdomain (set --node-name)");
    }
    String nodeIp = config.resolvedNodeIp();
    if (Ipv4.parse(nodeIp).isEmpty()) throw new IllegalArgumentException("node IP '" + nodeIp + "' is not an IPv4 address (--node-ip)");
    if (config.nodeIp() == null && nodeIp.equals("127.0.0.1")) {
      config.progress().accept("no global IPv4 address on this host: the node's InternalIP is 127.0.0.1 (set --node-ip)");
    }
    if (config.podNetwork() != null) config.podNetwork().check();

    startRuntime();
    VersionResponse v = cri.version();
    String runtimeVersion = v.getRuntimeName() + "://" + v.getRuntimeVersion();
    facts = HostFacts.read(nodeName, nodeIp, config.agentDir(), runtimeVersion);

    // the workload first, as upstream's kubelet: static pods run even while the API is unreachable
    startNodeComponents();

    Node node = register();
    nodeUid.set(node.getMetadata().getUid());
    config.progress().accept("node " + nodeName + " registered (InternalIP " + nodeIp + ", " + facts.cpuCores() + " CPUs, "
        + (facts.memoryBytes() >> 20) + " MiB, runtime " + runtimeVersion + ")");

    Path imagefs = cniConfDir != null ? config.agentDir() : config.dataDir();
    statusLoop = new NodeStatusLoop(client, facts, new HostSampler(cri, config.agentDir(), imagefs),
        new NodeStatusCalculator(config.thresholds()), new NodeStatusReport(config.timings().statusReportFrequency()),
        config.clock(), config.timings().statusInterval(), this::posted);
    started.push(statusLoop.start());
    started.push(new LeaseHeartbeat(client, nodeName, nodeUid::get, config.clock(), config.timings().leaseRenewInterval()).start());

    Thread t = Thread.ofVirtual().name("pod-network-" + nodeName).unstarted(this::configureNetwork);
    network = t;
    t.start();
  }

  private void startRuntime() {
    if (config.runtimeEndpoint() == null) {
      ContainerRuntime runtime = ContainerRuntime.start(config.agentDir(), config.runtimeReadyTimeout(), config.progress());
      started.push(runtime);
      cri = runtime.cri();
      cgroupDriver = runtime.supervisor().config().cgroupDriver();
      cniConfDir = runtime.paths().cniConfDir();
      config.progress().accept("containerd started (socket " + runtime.paths().socket() + ")");
      Path imported = runtime.paths().importedImages();
      started.push(new ImageGarbageCollector(cri, runtime.paths().root(), () -> {
        Set<String> pinned = new HashSet<>(ImageImporter.importedRefs(imported));
        pinned.addAll(List.of(LocalImages.BUSYBOX, LocalImages.PAUSE));
        return pinned;
      }, config.clock(), ImageGcPolicy.DEFAULT).start(ImageGarbageCollector.PERIOD));
    } else {
      CriRuntime external = new CriRuntime(config.runtimeSocket());
      started.push(external);
      cri = external;
      cgroupDriver = CgroupDriver.detect();
      cniConfDir = null;
      config.progress().accept("using the container runtime at " + config.runtimeSocket()
          + " (its CNI configuration is its own: the agent writes none)");
    }
  }

  /**
   * The node's workload components, started after the Node exists and closed before the runtime:
   * the env/volume lookups, the probes, the pod workers (which tell the probes and refresh volumes
   * after each sync), and the kubelet API.
   */
  private void startNodeComponents() {
    Map<String, Quantity> allocatable = Map.of("cpu", new Quantity(Integer.toString(facts.cpuCores())),
        "memory", new Quantity(Long.toString(facts.memoryBytes())),
        "ephemeral-storage", new Quantity(Long.toString(facts.ephemeralStorageBytes())));
    ApiObjectLookup lookup = ApiObjectLookup.start(client, Duration.ofSeconds(10), config.clock());
    started.push(lookup);
    VolumeEnvInputs inputs = new VolumeEnvInputs(new EnvResolver(lookup), new PodVolumes(config.agentDir(), lookup,
        new CommandMounter(new ProcessRunner()), TokenRequestSource.over(client, config.clock()), allocatable), allocatable);
    AtomicReference<PodManager> pods = new AtomicReference<>();
    KubeletEvents events = new KubeletEvents(client, facts.nodeName(), config.clock());
    started.push(events);
    ProbeManager probes = new ProbeManager(new Prober(cri), config.clock(), new ProbeManager.Listener() {
      @Override public void resultChanged(String podUid) {
        PodManager m = pods.get();
        if (m != null) m.resync(podUid);
      }

      @Override public void checkFailed(Pod pod, String container, ProbeKind kind, ProbeOutcome outcome) {
        LOG.info("pod {}/{} container {}: {} probe failed: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
            container, kind.title(), outcome.message());
        events.record(pod, PodEvents.containerPath(pod, container), "Warning", "Unhealthy",
            kind.title() + " probe failed: " + outcome.message());
      }
    });
    started.push(probes);
    ProbeResults results = new ProbeResults() {
      @Override public boolean ready(String uid, String name, String id) {
        PodManager m = pods.get();
        return m != null && m.pod(uid).map(p -> probes.ready(p, name, id)).orElse(false);
      }

      @Override public Optional<String> killReason(String uid, String name, String id) { return probes.killReason(uid, name, id); }
    };
    PodManagerConfig podConfig = PodManagerConfig.defaults(facts.nodeName(), facts.nodeIp(), config.agentDir(), cgroupDriver)
        .withClusterDns(config.clusterDnsIp() != null ? config.clusterDnsIp() : PodManagerConfig.DEFAULT_CLUSTER_DNS,
            PodManagerConfig.DEFAULT_CLUSTER_DOMAIN)
        .withInputs(inputs).withProbes(results).withHooks(new HookRunner(new Prober(cri))).withEvents(events).withObserver(new PodObserver() {
          @Override public void synced(Pod pod, PodStatus status) {
            probes.update(pod, status.getPodIP(), ProbeViews.of(status));
            inputs.refresh(pod);
          }

          @Override public void removed(String podUid) { probes.remove(podUid); }
        });
    ManifestDir manifests = new ManifestDir(config.staticPodDir(), facts.nodeName(), STATIC_POD_POLL, p -> {
      PodManager m = pods.get();
      if (m != null) m.updateStaticPods(p);
    });
    List<Pod> staticPods = manifests.read();
    PodManager manager = PodManager.start(client, cri, podConfig, staticPods, Duration.ofSeconds(10));
    pods.set(manager);
    started.push(manager);
    started.push(manifests.start());
    config.progress().accept("pod workers started for node " + facts.nodeName() + " (" + staticPods.size() + " static pods from "
        + config.staticPodDir() + ")");

    Path clientCa = config.kubeletClientCa();
    if (clientCa == null) {
      config.progress().accept("kubelet API not started: no client CA (pass --kubelet-client-ca, a copy of "
          + "<server data-dir>/server/tls/client-ca.crt); kubectl logs/exec/port-forward will not reach this node");
      return;
    }
    try {
      started.push(KubeletServer.start("0.0.0.0", NodeFacts.KUBELET_PORT, config.agentDir(), clientCa, facts.nodeName(),
          List.of(facts.nodeIp()), cri, manager::pods,
          KubeletReports.of(cri, facts.nodeName(), config.agentDir(), manager::pods, manager.metrics()),
          SubjectAccessReviews.of(client, config.clock())));
      config.progress().accept("kubelet API listening on port " + NodeFacts.KUBELET_PORT);
    } catch (Exception e) {
      throw new IllegalStateException("the kubelet API could not start on port " + NodeFacts.KUBELET_PORT + ": " + e.getMessage(), e);
    }
  }

  private Node register() {
    NodeRegistrar registrar = new NodeRegistrar(client, facts);
    Duration backoff = Duration.ofMillis(100);
    while (true) {
      try {
        return registrar.register();
      } catch (RuntimeException e) {
        if (closed.get()) throw new IllegalStateException("agent closed before node " + facts.nodeName() + " was registered", e);
        config.progress().accept("registering node " + facts.nodeName() + " failed: " + e.getMessage() + " (retrying in "
            + backoff.toMillis() + " ms)");
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(7)) > 0 ? Duration.ofSeconds(7) : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Waits for spec.podCIDR (saying so every {@link #PODCIDR_WARN_EVERY} while it is missing), then
   * configures the pod network (retried while it fails), then releases the addresses of vanished
   * sandboxes at once and every {@link #ADDRESS_GC_EVERY}; runs on its own thread until closed.
   */
  private void configureNetwork() {
    String name = facts.nodeName();
    config.progress().accept("waiting for spec.podCIDR on node " + name
        + " (the node IPAM controller assigns one from the cluster CIDR); pods cannot get addresses until then");
    String cidr = null;
    long since = System.nanoTime();
    long warned = since;
    while (!closed.get() && cidr == null) {
      try {
        Node n = client.nodes().withName(name).get();
        if (n != null && n.getSpec() != null && n.getSpec().getPodCIDR() != null && !n.getSpec().getPodCIDR().isBlank()) {
          cidr = n.getSpec().getPodCIDR();
        }
      } catch (RuntimeException e) {
        LOG.debug("reading node {} for its podCIDR: {}", name, e.toString());
      }
      if (cidr == null && System.nanoTime() - warned >= PODCIDR_WARN_EVERY.toNanos()) {
        warned = System.nanoTime();
        config.progress().accept("error: node " + name + " still has no spec.podCIDR after " + (warned - since) / 1_000_000_000L
            + " s: pods on it cannot start. Is the node IPAM controller running (j8s server, or kube-controller-manager with "
            + "--allocate-node-cidrs) and is its cluster CIDR (--cluster-cidr) not exhausted? Still waiting");
      }
      if (cidr == null && !sleep(config.timings().podCidrPoll())) return;
    }
    if (cidr == null) return;
    podCidr.set(cidr);
    if (config.podNetwork() == null || cniConfDir == null) {
      config.progress().accept("node " + name + " has podCIDR " + cidr + " (the pod network is configured elsewhere)");
      statusLoop.wake();
      return;
    }
    String lastError = null;
    while (!closed.get()) {
      try {
        PodNetwork.Configured c = config.podNetwork().configure(new PodNetwork.NodeNetwork(name, facts.nodeIp(), cidr), cniConfDir,
            config.agentDir());
        networkRunning = c.running();
        if (closed.get()) closeQuietly(c.running());
        config.progress().accept(c.summary());
        break;
      } catch (Exception e) {
        String msg = "error: configuring the pod network for " + cidr + " failed: " + e.getMessage() + " (retrying every "
            + NETWORK_RETRY.toSeconds() + " s)";
        if (!msg.equals(lastError)) config.progress().accept(msg);
        lastError = msg;
        LOG.debug("pod network for node {}", name, e);
        if (!sleep(NETWORK_RETRY)) return;
      }
    }
    statusLoop.wake();
    while (!closed.get()) {
      releaseAddresses();
      if (!sleep(ADDRESS_GC_EVERY)) return;
    }
  }

  private void releaseAddresses() {
    try {
      java.util.Set<String> live = new java.util.HashSet<>();
      cri.listPodSandbox().forEach(s -> live.add(s.getId()));
      List<String> released = config.podNetwork().releaseAddresses(live, config.agentDir());
      if (!released.isEmpty()) {
        config.progress().accept("released pod addresses of sandboxes that no longer exist: " + String.join(", ", released));
      }
    } catch (Exception e) {
      LOG.info("releasing the addresses of vanished sandboxes: {}", e.toString());
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing the pod network: {}", e.toString());
    }
  }

  private void posted(Node node) {
    if (node.getMetadata() != null && node.getMetadata().getUid() != null) nodeUid.set(node.getMetadata().getUid());
    if (ready.getCount() > 0 && isReady(node)) {
      ready.countDown();
      config.progress().accept("node " + facts.nodeName() + " is Ready");
    }
  }

  static boolean isReady(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) return false;
    for (NodeCondition c : node.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
    }
    return false;
  }

  /** Waits until this agent has posted a Ready status once; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String nodeName() { return facts.nodeName(); }

  public NodeFacts facts() { return facts; }

  /** The node's podCIDR once it arrived, else null. */
  public String podCidr() { return podCidr.get(); }

  /** The CRI runtime the agent drives. */
  public CriRuntime cri() { return cri; }

  private boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the loops and components, then the runtime (containerd stops; containers keep running). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    Thread t = network;
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly(networkRunning);
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
