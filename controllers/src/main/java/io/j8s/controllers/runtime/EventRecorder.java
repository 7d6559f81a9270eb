package io.j8s.controllers.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects (what {@code kubectl describe} shows under Events),
 * without blocking the caller; a failed write is logged, never retried.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    Event e = build(about, type, reason, message);
    Thread.ofVirtual().name("event-" + reason).start(() -> create(e));
  }

  /** Writes the event on the calling thread (for callers that bound their own concurrency); failures are logged. */
  public void write(HasMetadata about, String type, String reason, String message) {
    create(build(about, type, reason, message));
  }

  private void create(Event e) {
    try {
      client.v1().events().inNamespace(e.getMetadata().getNamespace()).resource(e).create();
    } catch (RuntimeException ex) {
      LOG.debug("event {} {} for {}/{} not written: {}", e.getType(), e.getReason(), e.getMetadata().getNamespace(),
          e.getInvolvedObject().getName(), ex.toString());
    }
  }

  private Event build(HasMetadata about, String type, String reason, String message) {
    var m = about.getMetadata();
    String ns = m.getNamespace() == null ? "default" : m.getNamespace();
    String now = clock.now().toString();
    Event e = new EventBuilder()
        .withNewMetadata().withNamespace(ns)
        .withName(m.getName() + "." + Long.toHexString(clock.now().toEpochMilli() * 1000 + seq.incrementAndGet() % 1000))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(about.getApiVersion()).withKind(about.getKind())
            .withNamespace(m.getNamespace()).withName(m.getName()).withUid(m.getUid())
            .withResourceVersion(m.getResourceVersion()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withNewSource().withComponent(component).endSource()
        .withReportingComponent(component)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .build();
    return e;
  }
}
