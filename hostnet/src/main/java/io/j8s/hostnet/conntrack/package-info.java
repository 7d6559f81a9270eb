/**
 * conntrack: deleting tracked flows ({@link io.j8s.hostnet.conntrack.Conntrack}, by a
 * {@link io.j8s.hostnet.conntrack.FlowFilter}) through Debian's {@code conntrack} tool, and a
 * recording fake. The proxy uses it to drop UDP flows that still point at a removed endpoint or
 * at a service that had no endpoints (UDP has no connection end to wait for).
 */
package io.j8s.hostnet.conntrack;
