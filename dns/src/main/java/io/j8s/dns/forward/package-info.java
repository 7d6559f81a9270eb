/**
 * Names outside the cluster domain: the node's upstream resolvers (from its resolv.conf), asked
 * over UDP with a retry over TCP when the answer comes back truncated, one question in flight per
 * name, and a {@link io.j8s.dns.forward.ResponseCache} that keeps answers for their TTL (negative
 * answers for the SOA's, RFC 2308) and hands them out with the TTLs counted down.
 */
package io.j8s.dns.forward;
