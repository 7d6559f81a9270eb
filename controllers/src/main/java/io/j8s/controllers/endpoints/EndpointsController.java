package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.controllers.runtime.Controller;
import io.j8s.controllers.runtime.ControllerContext;
import io.j8s.controllers.runtime.EventRecorder;
import io.j8s.controllers.runtime.Keys;
import io.j8s.controllers.runtime.Reconciler;
import java.util.List;

/**
 * Keeps the legacy Endpoints of each selector Service equal to {@link EndpointsPlanner}'s; deletes
 * the Endpoints it manages (labelled skip-mirror) when their Service is gone. A stale cache
 * shows up as a 409 on write and is retried.
 */
public final class EndpointsController implements Reconciler {
  private final KubernetesClient client;
  private final EventRecorder events;
  private final ServicePods lookup;
  private final SharedIndexInformer<Endpoints> endpoints;

  EndpointsController(ControllerContext ctx) {
    this.client = ctx.client();
    this.events = ctx.events();
    this.lookup = new ServicePods(ctx.informers().of(Service.class), ctx.informers().of(Pod.class));
    this.endpoints = ctx.informers().of(Endpoints.class);
  }

  public static Controller create(ControllerContext ctx) {
    var r = new EndpointsController(ctx);
    Controller c = new Controller("endpoints", 2, ctx.clock(), r);
    c.watchSelf(ctx.informers().of(Service.class));
    c.watch(ctx.informers().of(Pod.class), r.lookup::servicesSelecting);
    c.watch(r.endpoints, e -> managed(e) ? List.of(Keys.of(e)) : List.of());
    return c;
  }

  static boolean managed(Endpoints e) {
    return e.getMetadata().getLabels() != null && "true".equals(e.getMetadata().getLabels().get(PodEndpoints.LABEL_SKIP_MIRROR));
  }

  @Override
  public Outcome reconcile(String key) {
    Service svc = lookup.service(key);
    Endpoints current = endpoints.getIndexer().getByKey(key);
    if (svc == null) {
      if (current != null && managed(current)) client.resource(current).delete();
      return DONE;
    }
    if (!PodEndpoints.managesEndpoints(svc)) return DONE;
    Endpoints want = EndpointsPlanner.desired(svc, lookup.selectedBy(svc), current);
    try {
      if (current == null) {
        client.resource(want).create();
      } else if (EndpointsPlanner.differs(current, want)) {
        Endpoints next = new EndpointsBuilder(current).editMetadata().withLabels(want.getMetadata().getLabels())
            .withAnnotations(want.getMetadata().getAnnotations()).endMetadata().withSubsets(want.getSubsets()).build();
        client.resource(next).update();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) {
        events.warning(svc, "FailedToUpdateEndpoint", "Failed to update endpoint " + key + ": " + e.getMessage());
      }
      throw e;
    }
    return DONE;
  }
}
