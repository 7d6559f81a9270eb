package io.j8s.network.flannel;

import io.j8s.hostnet.link.FdbEntry;
import io.j8s.hostnet.link.Neighbour;
import io.j8s.hostnet.link.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The routes, permanent neighbours and FDB entries a node wants for its peers, sorted, and the
 * peers it left out with the reason ({@code node: why}).
 */
public record RoutePlan(List<Route> routes, List<Neighbour> neighbours, List<FdbEntry> fdb, List<String> skipped) {
  public RoutePlan {
    routes = List.copyOf(routes);
    neighbours = List.copyOf(neighbours);
    fdb = List.copyOf(fdb);
    skipped = List.copyOf(skipped);
  }

  /** What to delete, then add, to turn the current entries into this plan. */
  public record Changes(List<Route> deleteRoutes, List<Neighbour> deleteNeighbours, List<FdbEntry> deleteFdb,
      List<Route> addRoutes, List<Neighbour> addNeighbours, List<FdbEntry> addFdb) {
    public boolean isEmpty() {
      return deleteRoutes.isEmpty() && deleteNeighbours.isEmpty() && deleteFdb.isEmpty() && addRoutes.isEmpty()
          && addNeighbours.isEmpty() && addFdb.isEmpty();
    }

    public int size() {
      return deleteRoutes.size() + deleteNeighbours.size() + deleteFdb.size() + addRoutes.size() + addNeighbours.size() + addFdb.size();
    }
  }

  /**
   * The changes from the current entries (the routes j8s owns, the neighbours and FDB entries of
   * the VXLAN device): a route whose destination is no longer wanted is deleted, a wanted one that
   * differs is replaced; neighbours are keyed by address; FDB entries must match exactly.
   */
  public Changes diff(List<Route> currentRoutes, List<Neighbour> currentNeighbours, List<FdbEntry> currentFdb) {
    Set<String> wantedDst = new HashSet<>();
    routes.forEach(r -> wantedDst.add(r.dst()));
    Set<String> wantedNeigh = new HashSet<>();
    neighbours.forEach(n -> wantedNeigh.add(n.dev() + " " + n.ip()));
    List<Route> delRoutes = currentRoutes.stream().filter(r -> !wantedDst.contains(r.dst())).sorted(RoutePlanner.ROUTE_ORDER).toList();
    List<Neighbour> delNeigh = currentNeighbours.stream().filter(n -> !wantedNeigh.contains(n.dev() + " " + n.ip())).toList();
    List<FdbEntry> delFdb = currentFdb.stream().filter(e -> !fdb.contains(e)).toList();
    List<Route> addRoutes = new ArrayList<>(routes);
    addRoutes.removeAll(currentRoutes);
    List<Neighbour> addNeigh = new ArrayList<>(neighbours);
    addNeigh.removeAll(currentNeighbours);
    List<FdbEntry> addFdb = new ArrayList<>(fdb);
    addFdb.removeAll(currentFdb);
    return new Changes(delRoutes, delNeigh, delFdb, addRoutes, addNeigh, addFdb);
  }
}
