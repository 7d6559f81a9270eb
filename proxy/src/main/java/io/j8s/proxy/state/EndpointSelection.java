package io.j8s.proxy.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which endpoints a service port's traffic may go to on this node (upstream's
 * CategorizeEndpoints, without topology hints): {@code cluster} are the ready endpoints, or when
 * none is ready the serving terminating ones; {@code local} the same among this node's endpoints;
 * {@code reachable} the union of the lists the port's policies use (one chain per endpoint);
 * {@code hasAny} whether any usable endpoint exists anywhere.
 */
public record EndpointSelection(List<Endpoint> cluster, List<Endpoint> local, List<Endpoint> reachable, boolean hasAny) {
  public static EndpointSelection categorize(ServicePort port, List<Endpoint> endpoints, String nodeName) {
    List<Endpoint> cluster = List.of();
    boolean hasAny = false;
    if (port.usesClusterEndpoints()) {
      cluster = filter(endpoints, Endpoint::ready);
      if (cluster.isEmpty()) cluster = filter(endpoints, Endpoint::servingTerminating);
      hasAny = !cluster.isEmpty();
    }
    if (!port.usesLocalEndpoints()) return new EndpointSelection(cluster, List.of(), cluster, hasAny);
    boolean localReady = false;
    boolean localServingTerminating = false;
    for (Endpoint e : endpoints) {
      if (e.ready()) {
        hasAny = true;
        localReady |= e.isLocal(nodeName);
      } else if (e.servingTerminating()) {
        hasAny = true;
        localServingTerminating |= e.isLocal(nodeName);
      }
    }
    List<Endpoint> local = List.of();
    if (localReady) local = filter(endpoints, e -> e.isLocal(nodeName) && e.ready());
    else if (localServingTerminating) local = filter(endpoints, e -> e.isLocal(nodeName) && e.servingTerminating());
    if (!port.usesClusterEndpoints()) return new EndpointSelection(List.of(), local, local, hasAny);
    LinkedHashSet<Endpoint> union = new LinkedHashSet<>(cluster);
    union.addAll(local);
    List<Endpoint> reachable = new ArrayList<>(union);
    reachable.sort(null);
    return new EndpointSelection(cluster, local, List.copyOf(reachable), hasAny);
  }

  private static List<Endpoint> filter(List<Endpoint> endpoints, Predicate<Endpoint> p) {
    return endpoints.stream().filter(p).toList();
  }
}
