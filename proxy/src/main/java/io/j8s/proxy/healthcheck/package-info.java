/**
 * The health-check NodePort server, mode-independent: for every Service of type LoadBalancer with
 * externalTrafficPolicy Local ({@code spec.healthCheckNodePort}), kube-proxy answers HTTP on that
 * port of the node so a cloud load balancer sends traffic only to nodes with local endpoints.
 * {@link io.j8s.proxy.healthcheck.HealthCheckPlan} is the pure value (port to Service and its count
 * of ready local endpoints); {@link io.j8s.proxy.healthcheck.HealthCheckServer} makes the open
 * listeners match it (JDK HTTP server); {@link io.j8s.proxy.healthcheck.HealthCheckingBackend}
 * wraps any mode's backend so the listeners follow every sync.
 */
package io.j8s.proxy.healthcheck;
