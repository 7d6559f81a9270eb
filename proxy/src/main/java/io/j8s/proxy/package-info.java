/**
 * kube-proxy: turns Services and EndpointSlices into a proxy state value, and one backend per
 * mode (iptables, nftables, ipvs, userspace) renders that state into its whole desired ruleset
 * and applies it to the host through {@code hostnet}.
 */
package io.j8s.proxy;
