/**
 * The only code in j8s that changes the host's network: packet filtering (iptables, nftables,
 * ipvs, conntrack), links, addresses, routes, neighbour and FDB entries, and sysctls. One
 * subpackage per mechanism; each offers an interface with a real implementation that runs the
 * Debian tools in the current network namespace and a recording fake for unit tests, and every
 * fake's contract is also tested against the real kernel inside an isolated namespace. Callers
 * (proxy, network, kubelet) render desired state as a value and hand it to these appliers.
 */
package io.j8s.hostnet;
