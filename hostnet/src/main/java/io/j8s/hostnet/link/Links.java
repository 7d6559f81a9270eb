package io.j8s.hostnet.link;

import io.j8s.hostnet.HostnetException;
import java.util.List;
import java.util.Optional;

/**
 * The links, addresses, routes, neighbour and FDB entries of one network namespace. Changes are
 * idempotent ({@code replace}, and deletes of what is already gone succeed), so an applier can
 * repeat a plan after a partial failure.
 */
public interface Links {
  /** The device called {@code name}, if it exists. */
  Optional<Link> link(String name) throws HostnetException;

  /** The device that carries the IPv4 address {@code ip}, if any. */
  Optional<Link> linkWithAddress(String ip) throws HostnetException;

  /** Creates the VXLAN device (learning off) with its MTU and sets it up. */
  void addVxlan(VxlanSpec spec) throws HostnetException;

  /**
   * Creates a dummy device (needs the kernel's dummy driver), left down as upstream's kube-ipvs0:
   * addresses on it are local without answering ARP. Fails when the device exists.
   */
  void addDummy(String name) throws HostnetException;

  /** Deletes the device if it exists (its addresses, routes, neighbours and FDB entries go with it). */
  void deleteLink(String name) throws HostnetException;

  /** The IPv4 addresses on {@code dev} as CIDRs ({@code 10.42.0.0/32}). */
  List<String> addresses(String dev) throws HostnetException;

  /** Adds the address unless present. */
  void addAddress(String dev, String cidr) throws HostnetException;

  /** Removes the address if present. */
  void deleteAddress(String dev, String cidr) throws HostnetException;

  /** The main table's IPv4 routes with this protocol number. */
  List<Route> routes(int protocol) throws HostnetException;

  /** Adds or replaces the route to {@code route.dst()}. */
  void replaceRoute(Route route) throws HostnetException;

  /** Deletes the route if it exists. */
  void deleteRoute(Route route) throws HostnetException;

  /** The permanent IPv4 neighbour entries on {@code dev}. */
  List<Neighbour> neighbours(String dev) throws HostnetException;

  void replaceNeighbour(Neighbour n) throws HostnetException;

  void deleteNeighbour(Neighbour n) throws HostnetException;

  /** The permanent FDB entries of {@code dev} that name a remote endpoint. */
  List<FdbEntry> fdb(String dev) throws HostnetException;

  void replaceFdb(FdbEntry e) throws HostnetException;

  void deleteFdb(FdbEntry e) throws HostnetException;
}
