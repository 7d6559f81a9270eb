package io.j8s.dns;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.dns.forward.Forwarder;
import io.j8s.dns.forward.ResolvConf;
import io.j8s.dns.forward.ResponseCache;
import io.j8s.dns.kube.ClusterWatch;
import io.j8s.dns.server.DnsMetrics;
import io.j8s.dns.server.DnsServer;
import io.j8s.dns.server.Responder;
import io.j8s.dns.zone.ClusterSnapshot;
import io.j8s.dns.zone.ZoneConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The running cluster DNS: the API watch, the forwarder with its cache, and the server. */
public final class ClusterDns implements AutoCloseable {
  private final ClusterWatch watch;
  private final ExecutorService forwarding;
  private final DnsServer server;
  private final Responder responder;

  private ClusterDns(ClusterWatch watch, ExecutorService forwarding, DnsServer server, Responder responder) {
    this.watch = watch;
    this.forwarding = forwarding;
    this.server = server;
    this.responder = responder;
  }

  /** Watches the API through {@code client} (waits up to a minute for the first lists), then listens. */
  public static ClusterDns start(KubernetesClient client, ClusterDnsConfig cfg) throws IOException, InterruptedException {
    ClusterWatch watch = ClusterWatch.start(client);
    try {
      if (!watch.awaitSynced(Duration.ofSeconds(60))) throw new IOException("Services and EndpointSlices were not listed within 60 s");
      return serve(watch, watch, cfg);
    } catch (IOException | InterruptedException | RuntimeException e) {
      watch.close();
      throw e;
    }
  }

  /** Serves a given snapshot source (tests, bench); {@code owned} is closed with the server. */
  public static ClusterDns serve(Supplier<ClusterSnapshot> snapshots, ClusterWatch owned, ClusterDnsConfig cfg)
      throws IOException, InterruptedException {
    List<InetSocketAddress> upstreams = cfg.upstreams() != null ? cfg.upstreams()
        : cfg.resolvConf() != null && Files.exists(cfg.resolvConf()) ? ResolvConf.read(cfg.resolvConf()) : List.of();
    upstreams = upstreams.stream().filter(a -> !a.equals(cfg.listen())).toList(); // never ourselves
    ExecutorService forwarding = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "dns-forward");
      t.setDaemon(true);
      return t;
    });
    Forwarder forwarder = new Forwarder(upstreams, new ResponseCache(Clock.system(), cfg.cacheEntries()), cfg.upstreamTimeout(), forwarding);
    Responder responder = new Responder(snapshots, ZoneConfig.of(cfg.domain(), cfg.dnsIp()), forwarder, new DnsMetrics());
    try {
      return new ClusterDns(owned, forwarding, DnsServer.start(cfg.listen(), cfg.metrics(), responder, cfg.threads()), responder);
    } catch (InterruptedException | RuntimeException e) {
      forwarding.shutdownNow();
      throw e;
    }
  }

  public InetSocketAddress udpAddress() { return server.udpAddress(); }

  public InetSocketAddress tcpAddress() { return server.tcpAddress(); }

  public InetSocketAddress metricsAddress() { return server.metricsAddress(); }

  public DnsMetrics metrics() { return responder.metrics(); }

  @Override public void close() {
    server.close();
    forwarding.shutdownNow();
    if (watch != null) watch.close();
  }
}
