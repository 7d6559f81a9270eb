package io.j8s.proxy.userspace;

import io.j8s.proxy.ConnectionPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The node facts and knobs of the userspace mode: the node's name (which endpoints are local), the
 * address the node's own traffic is DNATed to (its first address; 127.0.0.1 without one), the
 * connect timeout per endpoint attempt (short: a failed endpoint costs the client this much before
 * the next is tried), the idle timeout of UDP sessions, and the event loop threads (by default one per
 * core, as HAProxy's threads; 0: Netty's default, twice the cores), and the network policy its
 * relay asks before connecting a client to an endpoint.
 */
public record UserspaceConfig(String nodeName, String hostIp, Duration connectTimeout, Duration udpIdleTimeout, int threads,
    ConnectionPolicy policy) {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration UDP_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public static UserspaceConfig of(String nodeName, List<String> nodeIPs) {
    return new UserspaceConfig(nodeName, nodeIPs.isEmpty() ? "127.0.0.1" : nodeIPs.get(0), CONNECT_TIMEOUT, UDP_IDLE_TIMEOUT,
        Runtime.getRuntime().availableProcessors(), ConnectionPolicy.OPEN);
  }

  public UserspaceConfig withThreads(int threads) {
    return new UserspaceConfig(nodeName, hostIp, connectTimeout, udpIdleTimeout, threads, policy);
  }

  public UserspaceConfig withTimeouts(Duration connect, Duration udpIdle) {
    return new UserspaceConfig(nodeName, hostIp, connect, udpIdle, threads, policy);
  }

  public UserspaceConfig withPolicy(ConnectionPolicy policy) {
    return new UserspaceConfig(nodeName, hostIp, connectTimeout, udpIdleTimeout, threads, policy);
  }
}
