package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * What the EndpointSlice controller writes for one Service: slices to create (named by
 * generateName), to update (full objects with their resourceVersion), to delete; and the pods
 * left out because their node is not known yet (the service is looked at again later).
 */
public record SlicePlan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes, List<String> skippedPods) {
  public boolean isEmpty() {
    return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  public int writes() {
    return creates.size() + updates.size() + deletes.size();
  }
}
