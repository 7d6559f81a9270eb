package io.j8s.network.flannel;

import io.j8s.hostnet.HostnetException;
import io.j8s.hostnet.link.FdbEntry;
import io.j8s.hostnet.link.Links;
import io.j8s.hostnet.link.Neighbour;
import io.j8s.hostnet.link.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the host's j8s routes (protocol 98) and the VXLAN device's neighbour and FDB entries
 * match a {@link RoutePlan}: deletes first, then adds. One failing entry does not stop the
 * others; the failures are returned (the next round tries again).
 */
public final class RouteApplier {
  private final Links links;

  public RouteApplier(Links links) { this.links = links; }

  /** The outcome of one round: the changes computed and the ones that failed. */
  public record Result(RoutePlan.Changes changes, List<String> failures) {}

  public Result apply(RoutePlan plan) throws HostnetException {
    boolean vxlan = links.link(RoutePlanner.VXLAN_DEVICE).isPresent();
    List<Neighbour> neigh = vxlan ? links.neighbours(RoutePlanner.VXLAN_DEVICE) : List.of();
    List<FdbEntry> fdb = vxlan ? links.fdb(RoutePlanner.VXLAN_DEVICE) : List.of();
    RoutePlan.Changes c = plan.diff(links.routes(Route.J8S_PROTOCOL), neigh, fdb);
    List<String> failures = new ArrayList<>();
    for (Route r : c.deleteRoutes()) run(failures, "delete route " + r, () -> links.deleteRoute(r));
    for (Neighbour n : c.deleteNeighbours()) run(failures, "delete neighbour " + n, () -> links.deleteNeighbour(n));
    for (FdbEntry e : c.deleteFdb()) run(failures, "delete fdb " + e, () -> links.deleteFdb(e));
    // neighbour and FDB entries before the route that uses them
    for (Neighbour n : c.addNeighbours()) run(failures, "neighbour " + n, () -> links.replaceNeighbour(n));
    for (FdbEntry e : c.addFdb()) run(failures, "fdb " + e, () -> links.replaceFdb(e));
    for (Route r : c.addRoutes()) run(failures, "route " + r, () -> links.replaceRoute(r));
    return new Result(c, failures);
  }

  private interface Step {
    void run() throws HostnetException;
  }

  private static void run(List<String> failures, String what, Step s) {
    try {
      s.run();
    } catch (HostnetException e) {
      failures.add(what + ": " + e.getMessage());
    }
  }
}
