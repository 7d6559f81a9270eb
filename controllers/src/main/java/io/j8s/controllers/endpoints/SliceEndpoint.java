package io.j8s.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import java.util.List;

/**
 * One endpoint of a slice as a value. {@link #id} is its identity (addresses, hostname, pod
 * namespace and name, as upstream hashes it): an endpoint with the same identity but other
 * conditions, node, zone or pod uid is the same endpoint changed, updated where it lies.
 */
public record SliceEndpoint(Id id, String nodeName, String zone, boolean ready, boolean serving, boolean terminating, String podUid) {
  public record Id(List<String> addresses, String hostname, String podNamespace, String podName) {}

  static SliceEndpoint of(Endpoint e) {
    ObjectReference t = e.getTargetRef();
    var c = e.getConditions();
    return new SliceEndpoint(
        new Id(e.getAddresses() == null ? List.of() : List.copyOf(e.getAddresses()), e.getHostname(),
            t == null ? null : t.getNamespace(), t == null ? null : t.getName()),
        e.getNodeName(), e.getZone(),
        c != null && Boolean.TRUE.equals(c.getReady()), c != null && Boolean.TRUE.equals(c.getServing()),
        c != null && Boolean.TRUE.equals(c.getTerminating()), t == null ? null : t.getUid());
  }

  Endpoint toEndpoint() {
    var b = new EndpointBuilder().withAddresses(id.addresses()).withHostname(id.hostname()).withNodeName(nodeName).withZone(zone)
        .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions();
    if (id.podName() != null) {
      b.withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(id.podNamespace()).withName(id.podName())
          .withUid(podUid).build());
    }
    return b.build();
  }
}
