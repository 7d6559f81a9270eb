package io.j8s.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.hostnet.conntrack.ConntrackCommand;
import io.j8s.hostnet.iptables.IptablesCommand;
import io.j8s.proxy.conntrack.UdpConntrackCleaner;
import io.j8s.proxy.healthcheck.HealthCheckServer;
import io.j8s.proxy.healthcheck.HealthCheckingBackend;
import io.j8s.proxy.iptables.IptablesConfig;
import io.j8s.proxy.iptables.IptablesProxier;
import io.j8s.proxy.metrics.ProxyMetrics;
import io.j8s.proxy.server.ProxyHttpServer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's kube-proxy, assembled: the mode's backend acting on this network namespace, the
 * {@link ServiceProxy} loop, and the healthz/metrics servers. Health turns stale after twice the
 * sync period without a successful sync while changes wait, as upstream. Closing stops it all;
 * the rules stay (as upstream: a restarted proxy takes them over), {@link #cleanup()} removes them.
 */
public final class KubeProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeProxy.class);

  private final ProxyBackend backend;
  private final ServiceProxy loop;
  private final ProxyHttpServer healthz;
  private final ProxyHttpServer metrics;
  private final HealthCheckServer healthChecks;

  private KubeProxy(ProxyBackend backend, ServiceProxy loop, ProxyHttpServer healthz, ProxyHttpServer metrics,
      HealthCheckServer healthChecks) {
    this.backend = backend;
    this.loop = loop;
    this.healthz = healthz;
    this.metrics = metrics;
    this.healthChecks = healthChecks;
  }

  /** Starts the proxy; throws IllegalArgumentException when the mode cannot run here (the message says why). */
  public static KubeProxy start(KubernetesClient client, ProxyConfig config) throws Exception {
    config.mode().check(Path.of("/proc/net/ip_vs"));
    for (String w : HostSettings.apply(new io.j8s.hostnet.sysctl.SysctlCommand(), config.mode())) LOG.warn(w);
    ProxyBackend backend = switch (config.mode()) {
      case IPTABLES -> new IptablesProxier(new IptablesCommand(),
          IptablesConfig.of(config.nodeName(), config.nodeIPs(), config.clusterCIDR()),
          new UdpConntrackCleaner(new ConntrackCommand()));
      case NFTABLES -> new io.j8s.proxy.nftables.NftablesProxier(new io.j8s.hostnet.nftables.NftCommand(),
          io.j8s.proxy.nftables.NftablesConfig.of(config.nodeName(), config.nodeIPs(), config.clusterCIDR()),
          new UdpConntrackCleaner(new ConntrackCommand()));
      case IPVS -> new io.j8s.proxy.ipvs.IpvsProxier(new io.j8s.hostnet.ipvs.IpvsadmCommand(), new io.j8s.hostnet.ipset.IpsetCommand(),
          new io.j8s.hostnet.link.IpCommand(), new IptablesCommand(), new io.j8s.hostnet.sysctl.SysctlCommand(),
          io.j8s.proxy.ipvs.IpvsConfig.of(config.nodeName(), config.nodeIPs(), config.clusterCIDR(), config.ipvsScheduler()),
          Clock.system());
      case USERSPACE -> new io.j8s.proxy.userspace.UserspaceProxier(new IptablesCommand(), new ConntrackCommand(),
          io.j8s.proxy.userspace.UserspaceConfig.of(config.nodeName(), config.nodeIPs()).withPolicy(config.connectionPolicy()), Clock.system());
      default -> throw new IllegalStateException("unreachable: " + config.mode());
    };
    Clock clock = Clock.system();
    ProxyMetrics m = new ProxyMetrics(clock, backend.mode(), config.sync().syncPeriod().multipliedBy(2));
    m.addSection(backend::metricsText);
    ProxyHttpServer h = null;
    ProxyHttpServer ms = null;
    try {
      if (config.healthz() != null) h = ProxyHttpServer.start(config.healthz(), m, false);
      if (config.metrics() != null) ms = ProxyHttpServer.start(config.metrics(), m, true);
    } catch (Exception e) {
      if (h != null) h.close();
      if (backend instanceof AutoCloseable c) c.close();
      throw e;
    }
    // health-check NodePorts of LoadBalancer Services with Local policy, on every address as upstream
    HealthCheckServer hc = new HealthCheckServer("0.0.0.0", m::healthy);
    backend = new HealthCheckingBackend(backend, hc, config.nodeName());
    ServiceProxy loop = new ServiceProxy(client, backend, clock, config.sync(), m).start();
    LOG.info("kube-proxy started in {} mode on node {} (cluster CIDR {}, healthz {}, metrics {}{})", backend.mode(), config.nodeName(),
        config.clusterCIDR(), config.healthz(), config.metrics(),
        config.mode() == ProxyMode.IPVS ? ", ipvs scheduler " + config.ipvsScheduler() : "");
    return new KubeProxy(backend, loop, h, ms, hc);
  }

  public ServiceProxy loop() {
    return loop;
  }

  public int healthzPort() {
    return healthz == null ? -1 : healthz.port();
  }

  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Removes every rule the proxy installed (after {@link #close()}). */
  public void cleanup() throws Exception {
    backend.cleanup();
  }

  @Override public void close() {
    loop.close();
    healthChecks.close();
    if (healthz != null) healthz.close();
    if (metrics != null) metrics.close();
    if (backend instanceof AutoCloseable c) {
      try {
        c.close(); // the userspace mode's listeners
      } catch (Exception e) {
        LOG.warn("closing the {} proxy: {}", backend.mode(), e.toString());
      }
    }
  }
}
