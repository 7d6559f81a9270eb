/**
 * The cluster zone as pure values: {@link io.j8s.dns.zone.ClusterSnapshot} (Services and their
 * EndpointSlices reduced to what DNS needs) and {@link io.j8s.dns.zone.ClusterAnswers}, the
 * function (snapshot, query name, type, class) to an {@link io.j8s.dns.zone.Answer} following the
 * Kubernetes DNS specification and CoreDNS's kubernetes plugin defaults (TTL 5 s, pods insecure).
 * No I/O here.
 */
package io.j8s.dns.zone;
