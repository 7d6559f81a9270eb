package io.j8s.kubelet.pod;

import io.j8s.kubelet.cri.CriException;
import io.j8s.kubelet.cri.v1.RuntimeCondition;
import io.j8s.kubelet.cri.v1.RuntimeStatus;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The runtime's NetworkReady condition as the pod workers see it: one CRI Status call per second at
 * most, shared by every worker. A runtime that cannot be asked counts as ready here (RunPodSandbox
 * then fails with the runtime's own error, which names the real problem).
 */
final class NetworkReadiness {
  static final long TTL_NANOS = 1_000_000_000L;
  private final Supplier<RuntimeStatus> status;
  private final LongSupplier nanoTime;
  private Optional<String> last = Optional.empty();
  private long askedAt;
  private boolean asked;

  NetworkReadiness(Supplier<RuntimeStatus> status, LongSupplier nanoTime) {
    this.status = status;
    this.nanoTime = nanoTime;
  }

  synchronized Optional<String> notReady() {
    long now = nanoTime.getAsLong();
    if (!asked || now - askedAt >= TTL_NANOS) {
      last = ask();
      askedAt = now;
      asked = true;
    }
    return last;
  }

  private Optional<String> ask() {
    RuntimeStatus s;
    try {
      s = status.get();
    } catch (CriException e) {
      return Optional.empty();
    }
    return notReady(s);
  }

  /** Upstream's message for a runtime whose NetworkReady condition is missing or false; empty when it is true. */
  static Optional<String> notReady(RuntimeStatus s) {
    for (RuntimeCondition c : s.getConditionsList()) {
      if (c.getType().equals("NetworkReady")) {
        return c.getStatus() ? Optional.empty() : Optional.of("container runtime network not ready: NetworkReady=false reason:"
            + c.getReason() + " message:" + c.getMessage());
      }
    }
    return Optional.of("container runtime network not ready: <nil>");
  }
}
