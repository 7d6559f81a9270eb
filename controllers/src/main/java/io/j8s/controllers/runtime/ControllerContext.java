package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;

/** What a controller is built from: the client, the shared informers, an event recorder, the clock and the cluster settings. */
public record ControllerContext(KubernetesClient client, Informers informers, EventRecorder events, Clock clock,
    ControllerOptions options) {
  public ControllerContext(KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
    this(client, informers, events, clock, ControllerOptions.DEFAULTS);
  }
}
