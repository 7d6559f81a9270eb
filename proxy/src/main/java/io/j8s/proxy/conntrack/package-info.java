/**
 * Stale UDP flows, for every mode: {@link io.j8s.proxy.conntrack.StaleUdpFlows} computes which
 * conntrack entries a state change leaves pointing at a gone endpoint (pure),
 * {@link io.j8s.proxy.conntrack.UdpConntrackCleaner} deletes them through {@code hostnet.conntrack}.
 */
package io.j8s.proxy.conntrack;
