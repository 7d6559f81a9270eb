/**
 * The node's presence in the cluster, as upstream's kubelet keeps it: registration of the Node
 * object (labels, addresses, capacity, nodeInfo), the node status computed every 10 s as a value
 * from what the host and the CRI runtime report ({@link io.j8s.kubelet.node.NodeStatusCalculator},
 * pure, with upstream's lastHeartbeatTime/lastTransitionTime rules and hard-eviction pressure
 * conditions) and posted when it changed or every 5 minutes ({@link io.j8s.kubelet.node.NodeStatusReport}),
 * and the Lease heartbeat in {@code kube-node-lease} ({@link io.j8s.kubelet.node.LeaseHeartbeat}).
 * The loops ({@link io.j8s.kubelet.node.NodeStatusLoop}, the heartbeat) only sample, compute and
 * write; an API error backs off and never stops them. A Node deleted while the agent runs is
 * registered again on the next status update, as upstream.
 */
package io.j8s.kubelet.node;
