package io.j8s.hostnet.link;

import io.j8s.hostnet.HostnetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link Links} for unit tests: it keeps the state the kernel would keep (links with
 * addresses, routes by destination, neighbours by device and address, FDB entries by device, MAC
 * and destination), fails where the kernel fails (a missing device), and records every change as
 * a line ({@link #changes()}). Deleting a link drops what hung on it, as the kernel does.
 */
public final class RecordingLinks implements Links {
  private final Map<String, Link> links = new LinkedHashMap<>();
  private final Map<String, List<String>> addresses = new LinkedHashMap<>();
  private final Map<String, Route> routes = new LinkedHashMap<>();
  private final Map<String, Neighbour> neighbours = new LinkedHashMap<>();
  private final Map<String, FdbEntry> fdb = new LinkedHashMap<>();
  private final List<String> changes = new ArrayList<>();
  private int macs;

  /** Adds a plain device (e.g. the node's uplink) carrying {@code cidr}. */
  public synchronized RecordingLinks withDevice(String name, int mtu, String cidr) {
    links.put(name, new Link(name, mtu, nextMac(), true, null));
    addresses.computeIfAbsent(name, k -> new ArrayList<>()).add(cidr);
    return this;
  }

  /** The changes made so far, one line each ({@code route replace 10.42.1.0/24 via ...}). */
  public synchronized List<String> changes() { return List.copyOf(changes); }

  public synchronized void clearChanges() { changes.clear(); }

  private String nextMac() {
    int n = ++macs;
    return String.format("02:6a:38:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }

  private void requireDevice(String dev) throws HostnetException {
    if (!links.containsKey(dev)) throw new HostnetException("Cannot find device \"" + dev + "\"");
  }

  @Override public synchronized Optional<Link> link(String name) { return Optional.ofNullable(links.get(name)); }

  @Override public synchronized Optional<Link> linkWithAddress(String ip) {
    return addresses.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(c -> c.startsWith(ip + "/")))
        .map(e -> links.get(e.getKey())).findFirst();
  }

  @Override public synchronized void addVxlan(VxlanSpec s) throws HostnetException {
    if (links.containsKey(s.name())) throw new HostnetException("RTNETLINK answers: File exists");
    if (s.parent() != null) requireDevice(s.parent());
    links.put(s.name(), new Link(s.name(), s.mtu(), nextMac(), true, new Link.Vxlan(s.vni(), s.port(), s.local(), s.parent(), false)));
    changes.add("link add " + s.name() + " vxlan id " + s.vni() + " dstport " + s.port() + " local " + s.local() + " mtu " + s.mtu());
  }

  @Override public synchronized void addDummy(String name) throws HostnetException {
    if (links.containsKey(name)) throw new HostnetException("RTNETLINK answers: File exists");
    links.put(name, new Link(name, 1500, nextMac(), false, null));
    changes.add("link add " + name + " dummy");
  }

  @Override public synchronized void deleteLink(String name) {
    if (links.remove(name) == null) return;
    addresses.remove(name);
    routes.values().removeIf(r -> r.dev().equals(name));
    neighbours.values().removeIf(n -> n.dev().equals(name));
    fdb.values().removeIf(e -> e.dev().equals(name));
    changes.add("link del " + name);
  }

  @Override public synchronized List<String> addresses(String dev) throws HostnetException {
    requireDevice(dev);
    return List.copyOf(addresses.getOrDefault(dev, List.of()));
  }

  @Override public synchronized void addAddress(String dev, String cidr) throws HostnetException {
    requireDevice(dev);
    List<String> a = addresses.computeIfAbsent(dev, k -> new ArrayList<>());
    if (a.contains(cidr)) return;
    a.add(cidr);
    changes.add("addr add " + cidr + " dev " + dev);
  }

  @Override public synchronized void deleteAddress(String dev, String cidr) throws HostnetException {
    requireDevice(dev);
    if (addresses.getOrDefault(dev, new ArrayList<>()).remove(cidr)) changes.add("addr del " + cidr + " dev " + dev);
  }

  @Override public synchronized List<Route> routes(int protocol) {
    return routes.values().stream().filter(r -> r.protocol() == protocol).toList();
  }

  @Override public synchronized void replaceRoute(Route route) throws HostnetException {
    requireDevice(route.dev());
    routes.put(route.dst(), route);
    changes.add("route replace " + route);
  }

  @Override public synchronized void deleteRoute(Route route) {
    Route r = routes.get(route.dst());
    if (r != null && r.dev().equals(route.dev())) {
      routes.remove(route.dst());
      changes.add("route del " + r);
    }
  }

  @Override public synchronized List<Neighbour> neighbours(String dev) {
    return neighbours.values().stream().filter(n -> n.dev().equals(dev)).toList();
  }

  @Override public synchronized void replaceNeighbour(Neighbour n) throws HostnetException {
    requireDevice(n.dev());
    neighbours.put(n.dev() + " " + n.ip(), n);
    changes.add("neigh replace " + n);
  }

  @Override public synchronized void deleteNeighbour(Neighbour n) {
    if (neighbours.remove(n.dev() + " " + n.ip()) != null) changes.add("neigh del " + n.ip() + " dev " + n.dev());
  }

  @Override public synchronized List<FdbEntry> fdb(String dev) {
    return fdb.values().stream().filter(e -> e.dev().equals(dev)).toList();
  }

  @Override public synchronized void replaceFdb(FdbEntry e) throws HostnetException {
    requireDevice(e.dev());
    fdb.put(e.dev() + " " + e.mac() + " " + e.dst(), e);
    changes.add("fdb replace " + e);
  }

  @Override public synchronized void deleteFdb(FdbEntry e) {
    if (fdb.remove(e.dev() + " " + e.mac() + " " + e.dst()) != null) changes.add("fdb del " + e);
  }
}
