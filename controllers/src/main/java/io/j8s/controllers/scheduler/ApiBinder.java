package io.j8s.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.j8s.base.time.Clock;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.scheduler.framework.Decision;
import io.j8s.controllers.scheduler.framework.PodInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the engine's attempts through the API, each on its own virtual thread so the next pod
 * is scheduled meanwhile: POST {@code pods/NAME/binding} (fabric8 has no call for the pod
 * subresource, so the request goes through the client's own HTTP client, with its credentials)
 * and a {@code Scheduled} event; for an unschedulable pod, the PodScheduled=False condition
 * (only when it changes) and a {@code FailedScheduling} warning. A failed binding is posted
 * back to the engine, which forgets the assumption, and so is one that has not answered in
 * {@link #CALL_TIMEOUT_SECONDS}; an accepted one is posted too, so the engine stops timing it. At
 * most {@link #IN_FLIGHT} calls at once.
 */
final class ApiBinder {
  private static final Logger LOG = LoggerFactory.getLogger(ApiBinder.class);
  static final int IN_FLIGHT = 64;
  static final long CALL_TIMEOUT_SECONDS = 30;
  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;
  private final SchedulerEngine engine;
  private final Semaphore permits = new Semaphore(IN_FLIGHT);
  private final String base;

  ApiBinder(KubernetesClient client, EventRecorder events, Clock clock, SchedulerEngine engine) {
    this.client = client;
    this.events = events;
    this.clock = clock;
    this.engine = engine;
    this.base = client.getMasterUrl().toString().replaceAll("/$", "");
  }

  void bind(PodInfo pod, String node, long attempt) {
    Thread.ofVirtual().name("bind-" + pod.name()).start(() -> {
      boolean ok = false;
      try {
        permits.acquire();
        try {
          Map<String, Object> binding = Map.of("apiVersion", "v1", "kind", "Binding",
              "metadata", Map.of("name", pod.name(), "namespace", pod.namespace(), "uid", String.valueOf(pod.pod().getMetadata().getUid())),
              "target", Map.of("apiVersion", "v1", "kind", "Node", "name", node));
          int code = send("POST", path(pod) + "/binding", "application/json", Serialization.asJson(binding));
          ok = code / 100 == 2;
          if (ok) {
            events.write(pod.pod(), "Normal", "Scheduled", "Successfully assigned " + pod.namespace() + "/" + pod.name() + " to " + node);
          } else {
            LOG.debug("binding {} to {} failed: HTTP {}", pod.key(), node, code);
            events.warning(pod.pod(), "FailedScheduling", "Binding rejected: HTTP " + code + " binding to node " + node);
          }
        } finally {
          permits.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.debug("binding {} to {} failed: {}", pod.key(), node, e.toString());
      } finally {
        engine.post(ok ? new SchedulerEngine.Event.Bound(pod.key(), attempt) : new SchedulerEngine.Event.BindFailed(pod.key(), attempt));
      }
    });
  }

  void unschedulable(PodInfo pod, Decision.Unschedulable d) {
    String message = d.message();
    Thread.ofVirtual().name("unschedulable-" + pod.name()).start(() -> {
      try {
        permits.acquire();
        try {
          events.write(pod.pod(), "Warning", "FailedScheduling", message);
          if (!alreadySays(pod.pod(), message)) {
            Map<String, Object> cond = new LinkedHashMap<>();
            cond.put("type", "PodScheduled");
            cond.put("status", "False");
            cond.put("reason", "Unschedulable");
            cond.put("message", message);
            cond.put("lastProbeTime", null);
            cond.put("lastTransitionTime", clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            String patch = Serialization.asJson(Map.of("status", Map.of("conditions", List.of(cond))));
            int code = send("PATCH", path(pod) + "/status", "application/strategic-merge-patch+json", patch);
            if (code / 100 != 2) LOG.debug("status of {} not updated: HTTP {}", pod.key(), code);
          }
        } finally {
          permits.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.debug("status of {} not updated: {}", pod.key(), e.toString());
      }
    });
  }

  private static boolean alreadySays(Pod pod, String message) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) return false;
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(c.getType())) return "False".equals(c.getStatus()) && message.equals(c.getMessage());
    }
    return false;
  }

  private String path(PodInfo pod) {
    return base + "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name();
  }

  private int send(String method, String url, String contentType, String body) throws Exception {
    var http = client.getHttpClient();
    HttpRequest req = http.newHttpRequestBuilder().uri(url).method(method, contentType, body).timeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .build();
    return http.sendAsync(req, String.class).get().code();
  }
}
