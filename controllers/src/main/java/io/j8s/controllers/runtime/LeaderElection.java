package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a coordination.k8s.io Lease (upstream's timings: 15 s lease, 10 s renew
 * deadline, 2 s retry): {@code onStart} runs when this process becomes leader, {@code onStop}
 * when it loses the lease; then it campaigns again.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final KubernetesClient client;
  private final io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig config;
  private volatile boolean closed;
  private volatile CompletableFuture<?> running;

  public LeaderElection(KubernetesClient client, String namespace, String lease, String identity, Runnable onStart, Runnable onStop) {
    var config = new LeaderElectionConfigBuilder()
        .withName(lease)
        .withLock(new LeaseLock(namespace, lease, identity))
        .withLeaseDuration(Duration.ofSeconds(15))
        .withRenewDeadline(Duration.ofSeconds(10))
        .withRetryPeriod(Duration.ofSeconds(2))
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(
            () -> { LOG.info("{} is now the leader on lease {}/{}", identity, namespace, lease); onStart.run(); },
            () -> { LOG.info("{} stopped leading on lease {}/{}", identity, namespace, lease); onStop.run(); },
            leader -> LOG.info("leader on lease {}/{} is {}", namespace, lease, leader)))
        .build();
    this.client = client;
    this.config = config;
  }

  public LeaderElection start() {
    campaign();
    return this;
  }

  private void campaign() {
    if (closed) return;
    running = new LeaderElector(client, config, executor).start(); // an elector runs once; each campaign needs a new one
    running.whenComplete((v, e) -> {
      if (!closed) executor.execute(this::campaign); // lost the lease or failed: stand again
    });
  }

  @Override public void close() {
    closed = true;
    CompletableFuture<?> r = running;
    if (r != null) r.cancel(true);
    executor.shutdown();
  }
}
