package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.kubelet.Agent;
import io.j8s.proxy.KubeProxy;
import io.j8s.proxy.ProxyConfig;
import io.j8s.proxy.ProxyMode;
import io.j8s.proxy.sync.SyncSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * kube-proxy's flags, shared by {@code j8s server} (next to the embedded agent) and {@code j8s agent}:
 * the proxy runs beside every node agent unless {@code --disable kube-proxy}; the kubelet does not
 * know about it.
 */
final class ProxyOptions {
  /** The name {@code --disable} knows the proxy by, in {@code j8s server} and {@code j8s agent}. */
  static final String COMPONENT = "kube-proxy";

  @Option(names = "--proxy-mode", defaultValue = "iptables",
      description = "kube-proxy mode: iptables, nftables, ipvs or userspace (default: ${DEFAULT-VALUE}; ipvs only where the kernel has IPVS)")
  String mode;

  @Option(names = "--ipvs-scheduler", defaultValue = "rr",
      description = "IPVS scheduler of the ipvs proxy mode: rr, wrr, lc, wlc, sh, mh, ... (default: ${DEFAULT-VALUE})")
  String ipvsScheduler;

  @Option(names = "--proxy-healthz-port", defaultValue = "10256",
      description = "Port of kube-proxy's /healthz on the node IP; 0 for none (default: ${DEFAULT-VALUE})")
  int healthzPort;

  @Option(names = "--proxy-metrics-port", defaultValue = "10249",
      description = "Port of kube-proxy's /metrics on 127.0.0.1; 0 for none (default: ${DEFAULT-VALUE})")
  int metricsPort;

  /** Checks the flags of an enabled proxy before anything starts; the message says what is wrong. */
  void check() {
    ProxyMode m = ProxyMode.parse(mode);
    m.check(Path.of("/proc/net/ip_vs"));
    if (m == ProxyMode.IPVS) io.j8s.proxy.ipvs.IpvsConfig.of("", List.of(), null, ipvsScheduler); // the scheduler's name
  }

  /**
   * What this proxy and the node's policy engine ({@code networkPolicy}: whether it runs) must know
   * of each other: the userspace relay asks the engine; IPVS serves the service range the engine
   * then judges after it.
   */
  ProxyCoupling coupling(boolean networkPolicy, String serviceCidr) {
    if (!networkPolicy) return ProxyCoupling.NONE;
    return switch (ProxyMode.parse(mode)) {
      case USERSPACE -> new ProxyCoupling(new RelayPolicy(), List.of());
      case IPVS -> new ProxyCoupling(null, List.of(serviceCidr));
      default -> ProxyCoupling.NONE;
    };
  }

  /** Starts the proxy for the agent's node, coupled to its policy engine as {@link #coupling} said. */
  KubeProxy start(KubernetesClient client, Agent agent, String clusterCidr, String serviceCidr, ProxyCoupling coupling) throws Exception {
    String nodeIp = agent.facts().nodeIp();
    ProxyConfig config = new ProxyConfig(ProxyMode.parse(mode), agent.nodeName(), List.of(nodeIp), clusterCidr, serviceCidr,
        SyncSettings.DEFAULT, healthzPort > 0 ? new InetSocketAddress(nodeIp, healthzPort) : null,
        metricsPort > 0 ? new InetSocketAddress("127.0.0.1", metricsPort) : null, ipvsScheduler,
        coupling.connectionPolicy());
    return KubeProxy.start(client, config);
  }
}
