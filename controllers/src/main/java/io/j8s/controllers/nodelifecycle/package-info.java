/**
 * The node lifecycle controller (upstream's, with lease-based heartbeats and taint-based
 * eviction). {@link io.j8s.controllers.nodelifecycle.HeartbeatTracker} notes when each node's
 * Lease in kube-node-lease or Ready heartbeat last moved, on this controller's clock; {@link
 * io.j8s.controllers.nodelifecycle.NodeLifecyclePlanner} turns nodes, pods and the time into
 * actions: a node silent for the grace period (50 s by default) gets Ready, MemoryPressure,
 * DiskPressure and PIDPressure set Unknown (NodeStatusUnknown), the
 * {@code node.kubernetes.io/unreachable} (Unknown) or {@code node.kubernetes.io/not-ready}
 * (False) taints in NoSchedule and NoExecute form follow the Ready condition, pods on a lost
 * node are marked not Ready at once, and pods are evicted (TaintManagerEviction) when a NoExecute
 * taint on their node is not tolerated, or when its tolerationSeconds, counted from the taint's
 * timeAdded, run out. Upstream's eviction rate limiter (0.1 node/s, 0.01 or 0 in partially
 * disrupted zones) is simplified to: no rate limit in a healthy zone; no new NoExecute taints in
 * a zone in partial disruption (more than 2 and at least 55% of its nodes not Ready); and in a
 * full disruption of every zone, no NoExecute taints at all (they are removed).
 */
package io.j8s.controllers.nodelifecycle;
