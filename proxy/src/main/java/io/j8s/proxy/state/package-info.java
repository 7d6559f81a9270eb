/**
 * The proxy state, the one value every proxy mode renders from (stable API, shared by the
 * iptables, nftables, ipvs and userspace modes): {@link io.j8s.proxy.state.ProxyState} maps each
 * {@link io.j8s.proxy.state.ServicePortName} ({@code ns/name:port} + protocol) to its
 * {@link io.j8s.proxy.state.ServicePort} (addresses, ports, affinity, traffic policies) and to its
 * {@link io.j8s.proxy.state.Endpoint}s with their conditions and node. A mode never filters
 * endpoints itself: {@link io.j8s.proxy.state.EndpointSelection#categorize} says which endpoints
 * Cluster and Local traffic use on this node (ready ones; serving terminating ones only when none
 * is ready), as upstream's CategorizeEndpoints. IPv4 only for now.
 */
package io.j8s.proxy.state;
