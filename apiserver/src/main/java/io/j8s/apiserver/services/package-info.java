/**
 * Service addressing, as upstream's Service REST storage does it: ClusterIPs from the service
 * CIDR, NodePorts (and health-check NodePorts) from the NodePort range, and the
 * {@code default/kubernetes} Service with its Endpoints and EndpointSlice.
 *
 * <p>Pure parts decide: {@link io.j8s.apiserver.services.BandedRange} (offset picking that keeps
 * the low static band for explicit requests), {@link io.j8s.apiserver.services.ServiceIpRange}
 * and {@link io.j8s.apiserver.services.NodePortRange} (range math),
 * {@link io.j8s.apiserver.services.AddressPlan} (what a create or update keeps, claims and
 * releases), {@link io.j8s.apiserver.services.UpdatePrep} (allocated values a client omitted),
 * {@link io.j8s.apiserver.services.RepairPlan} and
 * {@link io.j8s.apiserver.services.KubernetesService}. Small appliers act:
 * {@link io.j8s.apiserver.services.Claims} keeps one datastore key per allocated IP or port
 * under {@code /registry/j8s.io/} (as upstream keeps its allocation bitmaps under
 * {@code /registry/ranges/}; no API group j8s.io is served, so the REST API never shows them;
 * inside {@code /registry/} every write also reaches the watch cache, which keeps its latest
 * revision in step with the datastore's), taken with create-if-absent, which makes allocation safe under concurrent creates and across API servers
 * sharing one etcd; {@link io.j8s.apiserver.services.ServiceAllocator} is the write-path hook;
 * {@link io.j8s.apiserver.services.Repair} reconciles claims with Services at start and
 * periodically; {@link io.j8s.apiserver.services.ApiServerEndpoints} keeps the kubernetes
 * Service and lists the live API servers (each renews a lease key) in its endpoints.
 */
package io.j8s.apiserver.services;
