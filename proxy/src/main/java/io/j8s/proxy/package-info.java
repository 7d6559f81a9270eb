/**
 * kube-proxy: Services and EndpointSlices become a {@link io.j8s.proxy.state.ProxyState} value
 * ({@code tracker}), syncs are batched and scheduled ({@code sync}), and one
 * {@link io.j8s.proxy.ProxyBackend} per mode renders that state into its whole desired ruleset
 * with pure code and applies it to the host through {@code hostnet} ({@code iptables}; nftables,
 * ipvs and userspace follow). {@link io.j8s.proxy.ServiceProxy} is the loop every mode shares:
 * a new mode implements {@code ProxyBackend} and is handed to it; nothing else changes.
 */
package io.j8s.proxy;
