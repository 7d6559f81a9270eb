package io.j8s.apiserver.services;

import io.j8s.apiserver.rest.WriteHook;
import io.j8s.apiserver.store.ObjectStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service addressing for one API server: the write-path hook, the repair pass (at start, then
 * every {@link #REPAIR_PERIOD}) and the kubernetes Service with its endpoints (lease renewed
 * and endpoints reconciled every {@link #LEASE_PERIOD}), on one daemon thread of its own.
 */
public final class ServiceAddressing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceAddressing.class);
  static final Duration LEASE_PERIOD = Duration.ofSeconds(10);
  static final Duration LEASE_TTL = Duration.ofSeconds(35);
  static final Duration REPAIR_PERIOD = Duration.ofMinutes(3);
  static final Duration REPAIR_GRACE = Duration.ofMinutes(1);

  private final ServiceIpRange ips;
  private final ServiceAllocator allocator;
  private final Repair repair;
  private final ApiServerEndpoints endpoints;
  private final ScheduledExecutorService ticker;

  private ServiceAddressing(ServiceIpRange ips, ServiceAllocator allocator, Repair repair, ApiServerEndpoints endpoints) {
    this.ips = ips;
    this.allocator = allocator;
    this.repair = repair;
    this.endpoints = endpoints;
    this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("j8s-service-addressing").factory());
  }

  /**
   * Parses the ranges (IllegalArgumentException names a bad flag value) and runs the first
   * repair pass, so claims match the stored Services before any request is served.
   */
  public static ServiceAddressing open(ObjectStore store, String serviceCidr, String nodePortRange) {
    ServiceIpRange ips = ServiceIpRange.parse(serviceCidr);
    NodePortRange ports = NodePortRange.parse(nodePortRange);
    Clock clock = Clock.systemUTC();
    Claims claims = new Claims(store.backend(), clock);
    ServiceAllocator allocator = new ServiceAllocator(ips, ports, claims, new SecureRandom());
    Repair repair = new Repair(store, ApiServerEndpoints.SERVICES, claims, ips, ports, clock, REPAIR_GRACE);
    RepairPlan first = repair.run();
    if (!first.empty()) LOG.info("service addressing repair at start: {}", first);
    return new ServiceAddressing(ips, allocator, repair, new ApiServerEndpoints(store, clock, LEASE_TTL));
  }

  public WriteHook hook() { return allocator; }

  /** Ensures the kubernetes Service, announces this server in its endpoints and starts the periodic work. */
  public void serve(List<String> advertiseAddresses, int securePort) {
    endpoints.ensureService(allocator, ips.ip(0), securePort);
    endpoints.renewAndReconcile(advertiseAddresses, securePort);
    long lease = LEASE_PERIOD.toMillis();
    ticker.scheduleWithFixedDelay(() -> guarded("endpoints", () -> endpoints.renewAndReconcile(advertiseAddresses, securePort)),
        lease, lease, TimeUnit.MILLISECONDS);
    long rp = REPAIR_PERIOD.toMillis();
    ticker.scheduleWithFixedDelay(() -> guarded("repair", repair::run), rp, rp, TimeUnit.MILLISECONDS);
  }

  private static void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("service addressing {} failed (retried next tick): {}", what, e.toString());
    }
  }

  /** Stops the periodic work and takes this server out of the kubernetes endpoints. */
  @Override public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    guarded("leave", endpoints::leave);
  }
}
