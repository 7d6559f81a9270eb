/**
 * Simulated nodes, as KWOK does: Node objects with Leases that are renewed, and a stand-in
 * kubelet that marks the pods bound to them Running and Ready and finishes their graceful
 * deletion, so controllers and the scheduler can be tested and benchmarked at hundreds of
 * nodes with only the control plane running. A node can be failed (heartbeat and pod handling
 * stop) and recovered.
 */
package io.j8s.testkit.sim;
