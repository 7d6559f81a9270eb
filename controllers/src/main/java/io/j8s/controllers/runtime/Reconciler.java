package io.j8s.controllers.runtime;

import java.time.Duration;

/**
 * Brings one object (by key, {@code namespace/name} or {@code name}) to its desired state. A
 * thrown exception retries the key with backoff; the outcome says whether to look again later.
 */
@FunctionalInterface
public interface Reconciler {
  Outcome reconcile(String key) throws Exception;

  sealed interface Outcome {
    record Done() implements Outcome {}

    /** Look again after a delay, e.g. when minReadySeconds or a deadline will pass. */
    record RequeueAfter(Duration delay) implements Outcome {}
  }

  Outcome DONE = new Outcome.Done();

  static Outcome requeueAfter(Duration d) {
    return new Outcome.RequeueAfter(d);
  }
}
