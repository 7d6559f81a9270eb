/**
 * The service load balancer, like k3s's ServiceLB: a Service of {@code type: LoadBalancer}
 * without a {@code loadBalancerClass} gets {@code status.loadBalancer.ingress}, either the
 * addresses of the Ready, schedulable nodes (only those labelled
 * {@code svccontroller.k3s.cattle.io/enablelb=true} once any node carries that label), or, with an
 * address pool configured ({@code --servicelb-pool}), one address of the pool per Service,
 * unique, stable, and released when the Service goes or stops being a LoadBalancer. {@link
 * io.j8s.controllers.servicelb.LoadBalancerPlanner} decides purely; the controller keeps the
 * pool's allocations (rebuilt from Service statuses after a restart) and writes status and events.
 */
package io.j8s.controllers.servicelb;
