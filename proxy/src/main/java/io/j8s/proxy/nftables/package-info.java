/**
 * The nftables mode, upstream kube-proxy's nftables layout in one table {@code ip kube-proxy}:
 * {@link io.j8s.proxy.nftables.NftablesRenderer} (pure) renders each Service's chains, sets and
 * map elements ({@link io.j8s.proxy.nftables.ServiceObjects}) with upstream's names
 * ({@code service-HASH-ns/name/proto/port}, {@code endpoint-HASH-...}); per-packet lookups go
 * through verdict maps, so their cost does not grow with the number of Services;
 * {@link io.j8s.proxy.nftables.NftScript} (pure) makes one transaction of a full replacement or of
 * only what changed; {@link io.j8s.proxy.nftables.NftablesProxier} is the applier. Host
 * assumptions as the iptables mode, except that NodePorts do not answer on 127.0.0.1 (as
 * upstream's nftables mode) and no {@code route_localnet} is needed.
 */
package io.j8s.proxy.nftables;
