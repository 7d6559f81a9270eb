package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.j8s.controllers.runtime.Keys;
import java.util.List;

/** Cache look-ups both endpoint controllers share: the pods a service selects, the services selecting a pod. */
final class ServicePods {
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;

  ServicePods(SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods) {
    this.services = services;
    this.pods = pods;
  }

  Service service(String key) {
    return services.getIndexer().getByKey(key);
  }

  List<Pod> selectedBy(Service svc) {
    return pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, svc.getMetadata().getNamespace()).stream()
        .filter(p -> PodEndpoints.selects(svc, p)).toList();
  }

  /** Keys of the services in the pod's namespace whose selector matches it. */
  List<String> servicesSelecting(Pod p) {
    return services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, p.getMetadata().getNamespace()).stream()
        .filter(s -> PodEndpoints.selects(s, p)).map(Keys::of).toList();
  }

  List<Pod> allPods() {
    return pods.getIndexer().list();
  }
}
