package io.j8s.kubelet.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.j8s.base.time.Clock;
import io.j8s.kubelet.pod.PodEvents;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kubelet's event recorder (see the package comment). */
public final class KubeletEvents implements PodEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletEvents.class);
  static final String COMPONENT = "kubelet";

  private record Pending(Event event, EventCorrelator.Decision decision) {}

  private final KubernetesClient client;
  private final String host;
  private final Clock clock;
  private final EventCorrelator correlator = new EventCorrelator();
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(1000);
  private final Thread writer;

  public KubeletEvents(KubernetesClient client, String nodeName, Clock clock) {
    this.client = client;
    this.host = nodeName;
    this.clock = clock;
    this.writer = Thread.ofVirtual().name("kubelet-events").start(this::drain);
  }

  @Override
  public void record(Pod pod, String fieldPath, String type, String reason, String message) {
    var m = pod.getMetadata();
    Instant now = clock.now();
    var decision = correlator.observe(new EventCorrelator.Key(m.getUid(), fieldPath, type, reason, message), m.getName(), now);
    if (decision instanceof EventCorrelator.Decision.Drop) {
      LOG.debug("event {} for pod {}/{} dropped by the spam filter", reason, m.getNamespace(), m.getName());
      return;
    }
    String ts = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String first = decision instanceof EventCorrelator.Decision.Update u ? u.first().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString() : ts;
    String name = switch (decision) {
      case EventCorrelator.Decision.Create c -> c.name();
      case EventCorrelator.Decision.Update u -> u.name();
      case EventCorrelator.Decision.Drop d -> throw new IllegalStateException();
    };
    int count = decision instanceof EventCorrelator.Decision.Update u ? u.count() : 1;
    Event e = new EventBuilder().withNewMetadata().withNamespace(m.getNamespace()).withName(name).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod").withNamespace(m.getNamespace())
            .withName(m.getName()).withUid(m.getUid()).withResourceVersion(m.getResourceVersion()).withFieldPath(fieldPath).build())
        .withType(type).withReason(reason).withMessage(message)
        .withNewSource().withComponent(COMPONENT).withHost(host).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(host)
        .withFirstTimestamp(first).withLastTimestamp(ts).withCount(count).build();
    if (!queue.offer(new Pending(e, decision))) LOG.debug("event queue full: {} for pod {} dropped", reason, m.getName());
  }

  private void drain() {
    while (true) {
      Pending p;
      try {
        p = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      Event e = p.event();
      String ns = e.getMetadata().getNamespace();
      try {
        if (p.decision() instanceof EventCorrelator.Decision.Update) {
          try {
            client.v1().events().inNamespace(ns).withName(e.getMetadata().getName()).edit(cur -> {
              cur.setCount(e.getCount());
              cur.setLastTimestamp(e.getLastTimestamp());
              return cur;
            });
            continue;
          } catch (RuntimeException gone) {
            // the first one was not written or is gone: write it anew
          }
        }
        client.v1().events().inNamespace(ns).resource(e).create();
      } catch (RuntimeException ex) {
        LOG.debug("event {} for {}/{} not written: {}", e.getReason(), ns, e.getInvolvedObject().getName(), ex.toString());
      }
    }
  }

  @Override
  public void close() { writer.interrupt(); }
}
