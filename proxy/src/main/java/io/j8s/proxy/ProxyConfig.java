package io.j8s.proxy;

import io.j8s.proxy.sync.SyncSettings;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a node's proxy needs: its mode, the node's name and addresses, the cluster (pod) CIDR
 * (off-cluster traffic to ClusterIPs is masqueraded, as upstream's {@code --cluster-cidr}), the
 * service CIDR, sync timing, and where {@code /healthz} (upstream: port 10256) and
 * {@code /metrics} (upstream: 127.0.0.1:10249) listen; a null address starts no server; and the
 * ipvs mode's scheduler ({@code --ipvs-scheduler}, default {@code rr}); and the network policy
 * the userspace mode's relay asks ({@link ConnectionPolicy#OPEN} when the node enforces none).
 */
public record ProxyConfig(ProxyMode mode, String nodeName, List<String> nodeIPs, String clusterCIDR, String serviceCIDR,
    SyncSettings sync, InetSocketAddress healthz, InetSocketAddress metrics, String ipvsScheduler, ConnectionPolicy connectionPolicy) {
  public static final int HEALTHZ_PORT = 10256;
  public static final int METRICS_PORT = 10249;

  public ProxyConfig {
    nodeIPs = List.copyOf(nodeIPs);
    if (ipvsScheduler == null || ipvsScheduler.isBlank()) ipvsScheduler = "rr";
    if (connectionPolicy == null) connectionPolicy = ConnectionPolicy.OPEN;
  }

  public ProxyConfig(ProxyMode mode, String nodeName, List<String> nodeIPs, String clusterCIDR, String serviceCIDR, SyncSettings sync,
      InetSocketAddress healthz, InetSocketAddress metrics) {
    this(mode, nodeName, nodeIPs, clusterCIDR, serviceCIDR, sync, healthz, metrics, "rr", ConnectionPolicy.OPEN);
  }
}
