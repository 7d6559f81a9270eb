package io.j8s.kubelet;

import io.j8s.base.time.Clock;
import io.j8s.kubelet.node.EvictionThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How to run a node agent.
 *
 * @param dataDir the j8s data dir; the agent keeps everything under {@code <dataDir>/agent}
 * @param nodeName the Node's name; null for the hostname, lower case
 * @param nodeIp the node's InternalIP; null for the first global IPv4 on the default route's interface (else any)
 * @param runtimeEndpoint an existing CRI socket ({@code unix:///path} or a path) to use instead of starting containerd; null to start it
 * @param podNetwork configured once the Node has a podCIDR; null to leave the CNI config to someone else
 * @param timings the status and lease periods
 * @param thresholds hard eviction thresholds (pressure conditions, allocatable)
 * @param runtimeReadyTimeout how long containerd may take to answer on its socket
 * @param clock wall time for heartbeats
 * @param progress one line per start-up step
 * @param clusterDnsIp the cluster DNS Service IP ClusterFirst pods get as nameserver (the kube-dns ClusterIP, .10 of the
 *                     service CIDR); null for {@link io.j8s.kubelet.pod.PodManagerConfig#DEFAULT_CLUSTER_DNS}
 */
public record AgentConfig(Path dataDir, String nodeName, String nodeIp, String runtimeEndpoint, PodNetwork podNetwork,
    Timings timings, EvictionThresholds thresholds, Duration runtimeReadyTimeout, Clock clock, Consumer<String> progress,
    String clusterDnsIp) {

  /**
   * @param statusInterval how often the node status is computed (upstream's nodeStatusUpdateFrequency, 10 s)
   * @param statusReportFrequency how often an unchanged status is posted anyway (nodeStatusReportFrequency, 5 min)
   * @param leaseRenewInterval how often the Lease is renewed (10 s)
   * @param podCidrPoll how often the Node is read while waiting for its podCIDR
   */
  public record Timings(Duration statusInterval, Duration statusReportFrequency, Duration leaseRenewInterval, Duration podCidrPoll) {
    public static final Timings DEFAULTS = new Timings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10),
        Duration.ofSeconds(1));
  }

  /** Defaults for everything but the data dir, names, runtime and network. */
  public static AgentConfig of(Path dataDir, String nodeName, String nodeIp, String runtimeEndpoint, PodNetwork podNetwork,
      Consumer<String> progress) {
    return new AgentConfig(dataDir, nodeName, nodeIp, runtimeEndpoint, podNetwork, Timings.DEFAULTS, EvictionThresholds.DEFAULTS,
        Duration.ofSeconds(90), Clock.system(), progress, null);
  }

  /** The Node's name: {@link #nodeName}, else the hostname in lower case. */
  public String resolvedNodeName() {
    return nodeName != null ? nodeName : io.j8s.kubelet.node.HostFacts.hostname();
  }

  /** The Node's InternalIP: {@link #nodeIp}, else the first global IPv4 on the default route's interface (else any), else 127.0.0.1. */
  public String resolvedNodeIp() {
    return nodeIp != null ? nodeIp : io.j8s.kubelet.node.NodeAddresses.defaultNodeIp().orElse("127.0.0.1");
  }

  public Path agentDir() { return dataDir.resolve("agent").toAbsolutePath().normalize(); }

  /** Static pod manifests ({@code --pod-manifest-path} upstream): {@code <agentDir>/pod-manifests}, as k3s. */
  public Path staticPodDir() { return agentDir().resolve("pod-manifests"); }

  /**
   * The CA whose client certificates the kubelet API accepts (the cluster's client CA), as k3s
   * keeps it: {@code <agentDir>/client-ca.crt} (written by {@code j8s agent --kubelet-client-ca}),
   * else the server's own when the agent runs inside {@code j8s server}; null when neither exists.
   */
  public Path kubeletClientCa() {
    for (Path p : new Path[] {agentDir().resolve("client-ca.crt"), dataDir.resolve("server/tls/client-ca.crt")}) {
      if (java.nio.file.Files.isRegularFile(p)) return p;
    }
    return null;
  }

  /** The runtime socket named by {@link #runtimeEndpoint}, without its {@code unix://} scheme. */
  public Path runtimeSocket() {
    String e = runtimeEndpoint.startsWith("unix://") ? runtimeEndpoint.substring("unix://".length()) : runtimeEndpoint;
    if (e.contains("://")) throw new IllegalArgumentException("container runtime endpoint must be a Unix socket (unix:///path): " + runtimeEndpoint);
    return Path.of(e);
  }

  public AgentConfig withTimings(Timings t) {
    return new AgentConfig(dataDir, nodeName, nodeIp, runtimeEndpoint, podNetwork, t, thresholds, runtimeReadyTimeout, clock, progress,
        clusterDnsIp);
  }

  public AgentConfig withClusterDns(String ip) {
    return new AgentConfig(dataDir, nodeName, nodeIp, runtimeEndpoint, podNetwork, timings, thresholds, runtimeReadyTimeout, clock,
        progress, ip);
  }
}
