package io.j8s.proxy.userspace;

import io.j8s.base.time.Clock;
import io.j8s.proxy.state.Endpoint;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks the endpoint for a new connection of one listener, as upstream's userspace round-robin
 * load balancer: round-robin over the endpoints in address order; with ClientIP affinity a client
 * keeps its endpoint while it comes back within the timeout (measured from its last connection)
 * and that endpoint exists and has not just failed. {@code failed} are the endpoints this
 * connection already tried: a retry skips them (and re-pins the client). Updating the endpoints
 * keeps the rotation where it was when the list is unchanged, restarts it otherwise, and forgets
 * the affinity of clients whose endpoint went. Thread-safe (event loops pick, the sync updates).
 */
public final class EndpointPicker {
  private record Sticky(Endpoint endpoint, long lastUsedNanos) {}

  private final Clock clock;
  private List<Endpoint> endpoints = List.of();
  private long affinityNanos;
  private int next;
  private long picks;
  private final Map<String, Sticky> sticky = new HashMap<>();

  public EndpointPicker(Clock clock) {
    this.clock = clock;
  }

  public synchronized void update(List<Endpoint> endpoints, int affinitySeconds) {
    if (!endpoints.equals(this.endpoints)) {
      this.endpoints = List.copyOf(endpoints);
      next = 0;
      sticky.values().removeIf(s -> !this.endpoints.contains(s.endpoint()));
    }
    affinityNanos = affinitySeconds * 1_000_000_000L;
    if (affinityNanos == 0) sticky.clear();
  }

  public synchronized List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The endpoint for a new connection from {@code clientIp}, none when every endpoint is gone or failed. */
  public synchronized Optional<Endpoint> pick(String clientIp, Set<Endpoint> failed) {
    long now = clock.nanoTime();
    if (++picks % 1024 == 0) expire(now);
    if (affinityNanos > 0) {
      Sticky s = sticky.get(clientIp);
      if (s != null && now - s.lastUsedNanos() < affinityNanos && !failed.contains(s.endpoint())) {
        sticky.put(clientIp, new Sticky(s.endpoint(), now));
        return Optional.of(s.endpoint());
      }
    }
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(next % endpoints.size());
      next = (next + 1) % endpoints.size();
      if (failed.contains(e)) continue;
      if (affinityNanos > 0) sticky.put(clientIp, new Sticky(e, now));
      return Optional.of(e);
    }
    return Optional.empty();
  }

  /** What a pick under network policy found: the endpoint (none when none is left), and whether the policy refused any. */
  public record Judged(Optional<Endpoint> endpoint, boolean refused) {}

  /**
   * As {@link #pick}, skipping (and adding to {@code failed}) the endpoints {@code allowed} refuses
   * for this client.
   */
  public Judged pickAllowed(String clientIp, Set<Endpoint> failed, Predicate<Endpoint> allowed) {
    boolean refused = false;
    while (true) {
      Optional<Endpoint> e = pick(clientIp, failed);
      if (e.isEmpty() || allowed.test(e.get())) return new Judged(e, refused);
      refused = true;
      failed.add(e.get());
    }
  }

  /** Clients with live affinity (tests, metrics). */
  public synchronized int stickyClients() {
    expire(clock.nanoTime());
    return sticky.size();
  }

  private void expire(long now) {
    for (Iterator<Sticky> it = sticky.values().iterator(); it.hasNext();) {
      if (now - it.next().lastUsedNanos() >= affinityNanos) it.remove();
    }
  }
}
