/**
 * Pod traffic between nodes, as flannel does it with its Kubernetes subnet manager: each node's
 * pod subnet is its {@code spec.podCIDR}; each agent publishes its backend data in its Node's
 * annotations ({@link io.j8s.network.flannel.FlannelAnnotations}: backend type, VTEP MAC, public
 * IP) and turns every other Node into routes. {@link io.j8s.network.flannel.RoutePlanner} is pure:
 * (this node, all Nodes as {@link io.j8s.network.flannel.PeerNode}s) to a
 * {@link io.j8s.network.flannel.RoutePlan} (routes, permanent neighbours, FDB entries);
 * {@link io.j8s.network.flannel.RouteApplier} makes the host match it through
 * {@code hostnet.link}, removing what it owns but no longer wants (routes carry protocol 98, so
 * stale entries from a previous run are found after a restart). Backends: {@code host-gw} (a
 * route per remote podCIDR via that node's IP; needs L2 adjacency) and {@code vxlan} (device
 * {@code flannel.1}, VNI 1, UDP 8472, learning off, address {@code <podCIDR network>/32}; per remote
 * node a route via its {@code .0} onlink, a neighbour entry for that {@code .0} to its VTEP MAC and
 * an FDB entry for that MAC to its public IP). {@link io.j8s.network.flannel.MasqueradeRules} is
 * flannel's masquerade chain as a value: pod traffic inside the cluster CIDR is never
 * masqueraded, pod traffic leaving it is (except multicast). {@link io.j8s.network.flannel.FlannelNetwork}
 * runs it all on a node: set-up, then a Node informer that wakes a single reconcile loop (also
 * every 30 s).
 */
package io.j8s.network.flannel;
