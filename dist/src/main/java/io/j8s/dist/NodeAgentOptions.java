package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.kubelet.Agent;
import io.j8s.kubelet.AgentConfig;
import io.j8s.network.flannel.Backend;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The node agent's flags, shared by {@code j8s server} (embedded agent) and {@code j8s agent}. */
final class NodeAgentOptions {
  @Option(names = "--node-name", description = "Name of this node (default: the hostname, lower case)")
  String nodeName;

  @Option(names = "--node-ip", description = "IPv4 address the node reports as its InternalIP (default: the first global "
      + "IPv4 address on the default route's interface, else on any interface)")
  String nodeIp;

  @Option(names = "--container-runtime-endpoint", description = "Use this existing CRI socket (unix:///path) instead of "
      + "starting containerd; the agent then writes no CNI config")
  String runtimeEndpoint;

  @Option(names = "--flannel-backend", defaultValue = "vxlan", description = "How pod traffic reaches other nodes: vxlan "
      + "(device flannel.1, VNI 1, UDP 8472) or host-gw (a route per node; nodes must share a link) (default: ${DEFAULT-VALUE})")
  String flannelBackend = "vxlan";

  /** Whether the agent enforces NetworkPolicies (set by the command from {@code --disable network-policy}). */
  boolean networkPolicy = true;

  /** What the policy engine and kube-proxy must know of each other (set by the command when it runs both). */
  ProxyCoupling proxyCoupling = ProxyCoupling.NONE;

  /**
   * Starts an agent under {@code dataDir} talking to the API through {@code client}, pods in
   * {@code clusterCidr}; progress lines go to stdout.
   *
   * @param clusterDnsIp the nameserver of ClusterFirst pods; null for the default (10.43.0.10)
   */
  Agent start(KubernetesClient client, Path dataDir, String clusterCidr, String clusterDnsIp) {
    return Agent.start(client, config(dataDir, client, clusterCidr).withClusterDns(clusterDnsIp));
  }

  /** The agent's identity and paths (node name, agent dir), before it has an API client (for its TLS bootstrap). */
  AgentConfig config(Path dataDir) {
    return config(dataDir, null, null);
  }

  AgentConfig config(Path dataDir, KubernetesClient client, String clusterCidr) {
    Consumer<String> progress = line -> System.out.println("j8s: " + line);
    return AgentConfig.of(dataDir, nodeName, nodeIp, runtimeEndpoint,
        CniPodNetwork.debian(client, clusterCidr, Backend.parse(flannelBackend), progress, networkPolicy, proxyCoupling), progress);
  }

  static Path defaultDataDir(Path dataDir) {
    return dataDir != null ? dataDir
        : "root".equals(System.getProperty("user.name")) ? Path.of("/var/lib/j8s") : Path.of(System.getProperty("user.home"), ".j8s");
  }
}
