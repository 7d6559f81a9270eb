package io.j8s.kubelet.node;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Renews the node's Lease every {@code renewInterval} (10 s, a quarter of its 40 s duration),
 * as upstream's lease controller: the last written Lease is reused for the next update, a
 * failure (conflict, Lease or Node gone, API down) drops it so the next attempt reads it again,
 * and retries back off from 200 ms to 7 s.
 */
public final class LeaseHeartbeat implements AutoCloseable {
  private final KubernetesClient client;
  private final String nodeName;
  private final Supplier<String> nodeUid;
  private final Clock clock;
  private final Duration renewInterval;
  private final PeriodicLoop loop;
  private volatile Lease latest;

  public LeaseHeartbeat(KubernetesClient client, String nodeName, Supplier<String> nodeUid, Clock clock, Duration renewInterval) {
    this.client = client;
    this.nodeName = nodeName;
    this.nodeUid = nodeUid;
    this.clock = clock;
    this.renewInterval = renewInterval;
    this.loop = new PeriodicLoop("node-lease-" + nodeName, this::step, Duration.ofMillis(200), Duration.ofSeconds(7));
  }

  public LeaseHeartbeat start() {
    loop.start();
    return this;
  }

  private Duration step() {
    renew();
    return renewInterval;
  }

  /** One renewal; returns the Lease as stored. Throws on API errors. */
  Lease renew() {
    var leases = client.leases().inNamespace(LeaseSpecs.NAMESPACE);
    Lease base = latest;
    if (base == null) base = leases.withName(nodeName).get();
    Lease want = LeaseSpecs.renewed(base, nodeName, nodeUid.get(), clock.now());
    latest = null;
    Lease written = base == null ? leases.resource(want).create() : leases.resource(want).update();
    latest = written;
    return written;
  }

  /** The Lease last written, or null. */
  public Lease latest() { return latest; }

  @Override
  public void close() { loop.close(); }
}
