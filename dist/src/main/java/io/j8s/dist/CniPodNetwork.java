package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.hostnet.link.IpCommand;
import io.j8s.hostnet.sysctl.SysctlCommand;
import io.j8s.kubelet.ContainerRuntime;
import io.j8s.kubelet.PodNetwork;
import io.j8s.network.cni.CniConflist;
import io.j8s.network.cni.CniPlugins;
import io.j8s.network.cni.ConflistWriter;
import io.j8s.network.cni.HostLocalAllocations;
import io.j8s.network.flannel.Backend;
import io.j8s.network.flannel.FlannelNetwork;
import io.j8s.network.policy.NetworkPolicyController;
import io.j8s.hostnet.conntrack.ConntrackCommand;
import io.j8s.hostnet.nftables.NftCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agent's pod network: the network module's flannel-style provider (masquerade chain,
 * host-gw or vxlan routes to the other nodes, Node annotations) over the real host, then the
 * standard CNI chain with the backend's MTU, with the plugins from Debian's package; and, unless
 * disabled ({@code --disable network-policy}), NetworkPolicy enforcement for the node's pods.
 */
final class CniPodNetwork implements PodNetwork {
  /** Host tools the provider runs, with the Debian package of each. */
  static final List<List<String>> TOOLS = List.of(List.of("ip", "iproute2"), List.of("bridge", "iproute2"),
      List.of("iptables", "iptables"), List.of("iptables-restore", "iptables"), List.of("sysctl", "procps"));
  /** What NetworkPolicy enforcement runs besides. */
  static final List<List<String>> POLICY_TOOLS = List.of(List.of("nft", "nftables"), List.of("conntrack", "conntrack"));
  /** The name {@code --disable} knows NetworkPolicy enforcement by, as k3s. */
  static final String POLICY_COMPONENT = "network-policy";

  private final Path pluginDir;
  private final KubernetesClient client;
  private final String clusterCidr;
  private final Backend backend;
  private final Consumer<String> progress;
  private final boolean networkPolicy;
  private final ProxyCoupling proxy;

  CniPodNetwork(Path pluginDir, KubernetesClient client, String clusterCidr, Backend backend, Consumer<String> progress,
      boolean networkPolicy, ProxyCoupling proxy) {
    this.pluginDir = pluginDir;
    this.client = client;
    this.clusterCidr = clusterCidr;
    this.backend = backend;
    this.progress = progress;
    this.networkPolicy = networkPolicy;
    this.proxy = proxy;
  }

  /** Without NetworkPolicy enforcement. */
  static CniPodNetwork debian(KubernetesClient client, String clusterCidr, Backend backend, Consumer<String> progress) {
    return debian(client, clusterCidr, backend, progress, false);
  }

  static CniPodNetwork debian(KubernetesClient client, String clusterCidr, Backend backend, Consumer<String> progress,
      boolean networkPolicy) {
    return debian(client, clusterCidr, backend, progress, networkPolicy, ProxyCoupling.NONE);
  }

  /** With what the enforcement started here and the node's kube-proxy must know of each other. */
  static CniPodNetwork debian(KubernetesClient client, String clusterCidr, Backend backend, Consumer<String> progress,
      boolean networkPolicy, ProxyCoupling proxy) {
    return new CniPodNetwork(ContainerRuntime.DEBIAN_CNI_BIN, client, clusterCidr, backend, progress, networkPolicy, proxy);
  }

  @Override
  public void check() {
    CniPlugins.require(pluginDir, CniConflist.requiredPlugins());
    List<String> missing = new ArrayList<>();
    for (List<String> t : TOOLS) if (!onPath(t.get(0))) missing.add(t.get(0) + " (Debian package " + t.get(1) + ")");
    if (networkPolicy) {
      for (List<String> t : POLICY_TOOLS) {
        if (!onPath(t.get(0))) missing.add(t.get(0) + " (Debian package " + t.get(1) + "; or --disable " + POLICY_COMPONENT + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("tools the pod network needs are missing: " + String.join(", ", missing)
          + "; install them (apt-get install iproute2 iptables procps nftables conntrack, or scripts/host-packages.sh --with-node)");
    }
  }

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin") + ":/usr/sbin:/sbin";
    for (String d : path.split(":")) if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
    return false;
  }

  @Override
  public Configured configure(NodeNetwork node, Path cniConfDir, Path agentDir) throws IOException {
    FlannelNetwork net = FlannelNetwork.start(client, new FlannelNetwork.Config(node.nodeName(), node.nodeIp(), node.podCidr(),
        clusterCidr, backend, Duration.ofSeconds(30)), new IpCommand(), new IptablesCommand(), new SysctlCommand(), progress);
    NetworkPolicyController policies = null;
    try {
      // before the CNI config: no pod gets an address (so no traffic) before policies are enforced
      if (networkPolicy) {
        policies = NetworkPolicyController.start(client, proxy.apply(NetworkPolicyController.Config.of(node.nodeName())),
            new NftCommand(), new ConntrackCommand(), new SysctlCommand(), progress);
        proxy.attach(policies);
      }
      CniConflist list = CniConflist.standard(node.podCidr(), ipamDir(agentDir), net.podMtu());
      boolean written = ConflistWriter.write(cniConfDir, CniConflist.FILE_NAME, list.render());
      NetworkPolicyController p = policies;
      AutoCloseable running = () -> {
        try {
          if (p != null) p.close();
        } finally {
          net.close();
        }
      };
      return new Configured("CNI config " + (written ? "written" : "unchanged") + ": " + cniConfDir.resolve(CniConflist.FILE_NAME)
          + " (podCIDR " + list.podCidr() + ", bridge " + list.bridge() + ", gateway " + list.gateway() + "); pod network: "
          + net.summary() + (p == null ? "; no network policy (--disable " + POLICY_COMPONENT + ")" : "; network policies enforced"),
          running);
    } catch (IOException | RuntimeException e) {
      if (policies != null) policies.close();
      net.close();
      throw e;
    }
  }

  static Path ipamDir(Path agentDir) { return agentDir.resolve("cni").resolve("ipam"); }

  @Override
  public List<String> releaseAddresses(Set<String> liveSandboxIds, Path agentDir) throws IOException {
    Path data = ipamDir(agentDir);
    List<String> released = new ArrayList<>();
    for (HostLocalAllocations.Allocation a : HostLocalAllocations.orphans(HostLocalAllocations.read(data, CniConflist.DEFAULT_NAME),
        liveSandboxIds, Instant.now(), HostLocalAllocations.DEFAULT_GRACE)) {
      if (HostLocalAllocations.release(data, CniConflist.DEFAULT_NAME, a)) released.add(a.ip() + " (sandbox " + shortId(a.sandboxId()) + ")");
    }
    return released;
  }

  static String shortId(String id) { return id.length() > 12 ? id.substring(0, 12) : id; }
}
