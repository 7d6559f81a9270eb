package io.j8s.dns;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the cluster DNS.
 *
 * @param listen        where to answer over UDP and TCP (the node IP, port 53)
 * @param metrics       where to serve Prometheus metrics ({@code :9153}); null: nowhere
 * @param domain        the cluster domain ({@code cluster.local})
 * @param dnsIp         the kube-dns ClusterIP (answers {@code ns.dns.<domain>}); null: unknown
 * @param resolvConf    the node's resolv.conf, whose nameservers get the other names; null: none
 * @param upstreams     upstream resolvers used instead of resolv.conf's (tests, bench); null: resolv.conf's
 * @param threads       event loops, one UDP socket each on epoll
 * @param cacheEntries  size of the forwarding cache
 * @param upstreamTimeout time to wait for one upstream before asking the next
 */
public record ClusterDnsConfig(InetSocketAddress listen, InetSocketAddress metrics, String domain, String dnsIp, Path resolvConf,
    List<InetSocketAddress> upstreams, int threads, int cacheEntries, Duration upstreamTimeout) {
  public static final String DEFAULT_DOMAIN = "cluster.local";

  public static ClusterDnsConfig of(InetSocketAddress listen, String dnsIp, Path resolvConf) {
    return new ClusterDnsConfig(listen, null, DEFAULT_DOMAIN, dnsIp, resolvConf, null,
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 10_000, Duration.ofSeconds(2));
  }

  public ClusterDnsConfig withMetrics(InetSocketAddress m) {
    return new ClusterDnsConfig(listen, m, domain, dnsIp, resolvConf, upstreams, threads, cacheEntries, upstreamTimeout);
  }

  public ClusterDnsConfig withUpstreams(List<InetSocketAddress> u) {
    return new ClusterDnsConfig(listen, metrics, domain, dnsIp, resolvConf, u, threads, cacheEntries, upstreamTimeout);
  }

  public ClusterDnsConfig withThreads(int n) {
    return new ClusterDnsConfig(listen, metrics, domain, dnsIp, resolvConf, upstreams, n, cacheEntries, upstreamTimeout);
  }
}
