/**
 * The nftables mode in one table {@code ip kube-proxy}. Upstream's base chains, hooks and shared
 * verdict maps ({@code service-ips}, {@code service-nodeports}, {@code no-endpoint-*},
 * {@code firewall-ips}; sets {@code cluster-ips}, {@code nodeport-ips}), so per-packet lookups do
 * not grow with the number of Services; but not upstream's per-Service layout. Upstream gives
 * every endpoint its own chain and every Service an inline (anonymous) {@code numgen ... vmap};
 * with nft 1.0.6 and this kernel both are quadratic at scale (binding an anonymous set walks the
 * whole transaction; nft dumps every chain before a partial update and the kernel's chain dump
 * restarts per netlink message; BENCHMARKS.md). Here a Service port has at most one chain per
 * traffic path ({@code service-}, {@code local-}, {@code external-}, {@code firewall-}, named as
 * upstream), no per-endpoint chains: the endpoint is chosen by one rule {@code dnat ip to numgen
 * random mod N offset BASE map @endpoints-S} over slots the path owns in one of
 * {@link io.j8s.proxy.nftables.SlotAllocation#SHARDS} shared maps of its protocol (stable across
 * syncs, so an endpoint change is an element update; a map's port type names one protocol, which
 * nft holds every rule through it to), and a pod reaching itself through a Service is
 * masqueraded in postrouting through the shared {@code hairpin} set of {@code ip . ip} pairs.
 * The endpoint maps are sharded because the kernel checks each element added to a map against
 * every rule bound to it. Services with ClientIP affinity keep upstream's per-endpoint chains and
 * timed sets (the simplest correct form; they are few).
 *
 * <p>{@link io.j8s.proxy.nftables.NftablesRenderer} (pure) renders each Service's chains, sets
 * and map elements ({@link io.j8s.proxy.nftables.ServiceObjects}) from the previous slot
 * allocation to the next; {@link io.j8s.proxy.nftables.NftScript} (pure) makes one transaction
 * of a full replacement or of only what changed; {@link io.j8s.proxy.nftables.NftablesProxier}
 * is the applier. Host assumptions as the iptables mode, except that NodePorts do not answer on
 * 127.0.0.1 (as upstream's nftables mode) and no {@code route_localnet} is needed.
 */
package io.j8s.proxy.nftables;
