package io.j8s.network.flannel;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.iptables.Iptables;
import io.j8s.hostnet.link.Link;
import io.j8s.hostnet.link.Links;
import io.j8s.hostnet.sysctl.Sysctl;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod network between nodes on one node: at start IP forwarding, the masquerade chain, the
 * backend's device and the Node annotations; then a Node informer whose events wake one reconcile
 * thread (also woken every {@code resync}) that plans the routes from the informer's cache and
 * applies them, and publishes the annotations again when the Node lost them (re-registered).
 * Entries stay in place when it closes: a restarted agent reconciles them.
 */
public final class FlannelNetwork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlannelNetwork.class);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * @param nodeName this Node
   * @param nodeIp its IP: the VXLAN endpoint and the host-gw next hop other nodes use
   * @param podCidr its podCIDR
   * @param clusterCidr all pods' range (not masqueraded inside)
   * @param backend host-gw or vxlan
   * @param resync how often the routes are reconciled without a Node event
   */
  public record Config(String nodeName, String nodeIp, String podCidr, String clusterCidr, Backend backend, Duration resync) {}

  private final KubernetesClient client;
  private final Config config;
  private final Links links;
  private final Consumer<String> progress;
  private final RouteApplier applier;
  private final Semaphore wake = new Semaphore(0);
  private volatile LocalNode local;
  private volatile Map<String, String> annotations;
  private volatile int podMtu;
  private volatile SharedIndexInformer<Node> informer;
  private volatile Thread worker;
  private volatile String lastFailures = "";

  FlannelNetwork(KubernetesClient client, Config config, Links links, Consumer<String> progress) {
    this.client = client;
    this.config = config;
    this.links = links;
    this.progress = progress;
    this.applier = new RouteApplier(links);
  }

  /** Sets the node up and starts following the Nodes; fails when the host cannot be configured. */
  public static FlannelNetwork start(KubernetesClient client, Config config, Links links, Iptables iptables, Sysctl sysctl,
      Consumer<String> progress) throws HostnetException {
    FlannelNetwork f = new FlannelNetwork(client, config, links, progress);
    f.setUp(iptables, sysctl);
    f.follow();
    return f;
  }

  void setUp(Iptables iptables, Sysctl sysctl) throws HostnetException {
    if (!within(config.podCidr(), config.clusterCidr())) {
      progress.accept("warning: podCIDR " + config.podCidr() + " is not inside the cluster CIDR " + config.clusterCidr()
          + " (set --cluster-cidr as on the server): pod traffic to it will be masqueraded");
    }
    sysctl.ensure("net.ipv4.ip_forward", "1");
    new MasqueradeRules(config.clusterCidr(), config.podCidr()).install(iptables);
    Link uplink = config.nodeIp().startsWith("127.") ? null : links.linkWithAddress(config.nodeIp()).orElseThrow(() ->
        new HostnetException("the node IP " + config.nodeIp() + " is on no interface of this host (set --node-ip)"));
    if (uplink == null) {
      // a loopback node IP cannot be reached from other nodes: a single-node cluster, no backend
      local = new LocalNode(config.nodeName(), config.podCidr(), config.backend(), "lo");
      annotations = null;
      podMtu = 0;
      links.deleteLink(RoutePlanner.VXLAN_DEVICE);
      return;
    }
    local = new LocalNode(config.nodeName(), config.podCidr(), config.backend(), uplink.name());
    podMtu = config.backend().podMtu(uplink.mtu());
    if (config.backend() == Backend.VXLAN) {
      Link vx = VxlanDevice.ensure(links, config.nodeIp(), uplink, config.podCidr());
      annotations = FlannelAnnotations.of(Backend.VXLAN, RoutePlanner.VXLAN_VNI, vx.mac(), config.nodeIp());
    } else {
      links.deleteLink(RoutePlanner.VXLAN_DEVICE);
      annotations = FlannelAnnotations.of(Backend.HOST_GW, 0, null, config.nodeIp());
    }
    publish();
  }

  static boolean within(String inner, String outer) {
    var i = io.j8s.api.net.Ipv4.Cidr.parse(inner);
    var o = io.j8s.api.net.Ipv4.Cidr.parse(outer);
    return i.prefix() >= o.prefix() && i.network() >= o.network() && i.last() <= o.last();
  }

  private void publish() {
    Map<String, String> a = annotations;
    if (a == null) return;
    try {
      StringBuilder b = new StringBuilder("{\"metadata\":{\"annotations\":{");
      int i = 0;
      for (var e : a.entrySet()) {
        if (i++ > 0) b.append(',');
        b.append('"').append(e.getKey()).append("\":").append(JSON.writeValueAsString(e.getValue()));
      }
      b.append("}}}");
      client.nodes().withName(config.nodeName()).patch(PatchContext.of(PatchType.JSON_MERGE), b.toString());
    } catch (Exception e) {
      LOG.info("publishing the flannel annotations on node {}: {} (retried)", config.nodeName(), e.toString());
    }
  }

  private void follow() {
    informer = client.nodes().inform(new ResourceEventHandler<>() {
      @Override public void onAdd(Node n) { wake.release(); }

      @Override public void onUpdate(Node o, Node n) { wake.release(); }

      @Override public void onDelete(Node n, boolean unknown) { wake.release(); }
    }, config.resync().toMillis());
    worker = Thread.ofVirtual().name("flannel-routes").start(this::loop);
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        wake.tryAcquire(config.resync().toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
        SharedIndexInformer<Node> inf = informer;
        if (inf != null && inf.hasSynced()) reconcile(inf.getStore().list());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | HostnetException e) {
        LOG.warn("reconciling the pod routes: {}", e.toString());
      }
    }
  }

  /** One round: annotations back if the Node lost them, then the routes for {@code nodes}. */
  RouteApplier.Result reconcile(Collection<Node> nodes) throws HostnetException {
    Map<String, String> a = annotations;
    if (a != null) {
      nodes.stream().filter(n -> config.nodeName().equals(n.getMetadata().getName())).findFirst()
          .filter(self -> !FlannelAnnotations.published(self.getMetadata().getAnnotations(), a)).ifPresent(self -> publish());
    }
    List<PeerNode> peers = annotations == null ? List.of() : nodes.stream().map(PeerNode::from).flatMap(java.util.Optional::stream).toList();
    RoutePlan plan = RoutePlanner.plan(local, peers);
    RouteApplier.Result r = applier.apply(plan);
    if (!r.changes().isEmpty()) {
      LOG.info("node {}: pod routes: {} change(s); {} route(s) to other nodes{}", config.nodeName(), r.changes().size(),
          plan.routes().size(), plan.skipped().isEmpty() ? "" : "; skipped " + plan.skipped());
    }
    String f = String.join("; ", r.failures());
    if (!f.isEmpty() && !f.equals(lastFailures)) progress.accept("pod routes: " + f);
    lastFailures = f;
    return r;
  }

  /** The MTU pods get (the uplink's less the backend's overhead), or 0 for the plugin's default. */
  public int podMtu() { return podMtu; }

  public String summary() {
    return annotations == null ? "no backend (the node IP " + config.nodeIp() + " is loopback: a single-node cluster)"
        : "backend " + config.backend().id() + " over " + local.uplink() + ", pod MTU " + podMtu + ", masquerade outside " + config.clusterCidr();
  }

  @Override public void close() {
    Thread t = worker;
    if (t != null) t.interrupt();
    SharedIndexInformer<Node> inf = informer;
    if (inf != null) inf.close();
  }
}
