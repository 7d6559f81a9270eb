/**
 * Links, addresses, routes, neighbour and FDB entries, and VXLAN devices of one network
 * namespace. {@link io.j8s.hostnet.link.Links} is the interface; {@link io.j8s.hostnet.link.IpCommand}
 * drives iproute2 ({@code ip}, {@code bridge}; {@code -json} for reading) and
 * {@link io.j8s.hostnet.link.RecordingLinks} is the in-memory fake whose behaviour the contract
 * test checks against the real kernel in a private namespace. Routes carry a protocol number so
 * that an owner (the pod network's backends use {@link io.j8s.hostnet.link.Route#J8S_PROTOCOL})
 * can list exactly its own routes after a restart and remove the stale ones.
 */
package io.j8s.hostnet.link;
