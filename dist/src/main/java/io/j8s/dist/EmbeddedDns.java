package io.j8s.dist;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.dns.ClusterDns;
import io.j8s.dns.ClusterDnsConfig;
import io.j8s.dns.kube.KubeDnsService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The cluster DNS as {@code j8s server} runs it (unless {@code --disable dns}): listening on the
 * node IP (UDP and TCP, port 53; metrics on 9153), forwarding other names to the node's
 * resolv.conf, behind the {@code kube-system/kube-dns} Service at {@code .10} of the service CIDR
 * whose EndpointSlice points at the node IP, so pods reach it through the service proxy.
 */
final class EmbeddedDns {
  static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

  private EmbeddedDns() {}

  /**
   * @param client    the DNS's own client (system:coredns: it only lists and watches)
   * @param installer puts the kube-dns Service and its EndpointSlice in place (the server's admin
   *                  client, as an installer would), used only during this call
   * @param listenIp where to listen (a literal IPv4 address: the node IP, or 0.0.0.0)
   * @param nodeIp   what the EndpointSlice says
   * @param nodeName the endpoint's node; null when unknown
   */
  static ClusterDns start(KubernetesClient client, KubernetesClient installer, String serviceCidr, String listenIp, String nodeIp, String nodeName, int port,
      Path resolvConf, Consumer<String> progress) throws IOException, InterruptedException {
    String dnsIp = KubeDnsService.tenthAddress(serviceCidr);
    InetAddress listen = InetAddress.getByAddress(literalV4(listenIp));
    ClusterDnsConfig cfg = ClusterDnsConfig.of(new InetSocketAddress(listen, port), dnsIp, resolvConf)
        .withMetrics(new InetSocketAddress(listen, port == 53 ? KubeDnsService.METRICS_PORT : 0));
    ClusterDns dns = ClusterDns.start(client, cfg);
    try {
      KubeDnsService.ensure(installer, dnsIp, nodeIp, nodeName);
    } catch (RuntimeException e) {
      progress.accept("cluster DNS: the kube-dns Service is not in place (" + e.getMessage() + "); pods can still ask " + nodeIp);
    }
    progress.accept("cluster DNS listening on " + listenIp + ":" + dns.udpAddress().getPort() + " (UDP, TCP) behind kube-system/kube-dns "
        + dnsIp + "; other names go to the nameservers of " + resolvConf);
    return dns;
  }

  /** The bytes of a dotted IPv4 literal (never a name lookup). */
  static byte[] literalV4(String ip) {
    String[] f = ip.split("\\.");
    if (f.length != 4) throw new IllegalArgumentException("node IP '" + ip + "' is not an IPv4 address");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = Integer.parseInt(f[i]);
      if (v < 0 || v > 255) throw new IllegalArgumentException("node IP '" + ip + "' is not an IPv4 address");
      b[i] = (byte) v;
    }
    return b;
  }
}
