/**
 * The Kubernetes API side: {@link io.j8s.dns.kube.ClusterWatch} keeps a snapshot of the zone from
 * shared informers of Services and EndpointSlices (rebuilt off the informer threads, coalesced),
 * and {@link io.j8s.dns.kube.KubeDnsService} makes the {@code kube-system/kube-dns} Service (at
 * {@code .10} of the service range, no selector) and its EndpointSlice (where this DNS listens)
 * exist, as upstream's CoreDNS manifests do.
 */
package io.j8s.dns.kube;
