/**
 * The iptables mode, upstream kube-proxy's layout and names so operators' {@code iptables-save}
 * runbooks work unchanged: {@link io.j8s.proxy.iptables.IptablesRenderer} (pure) renders the
 * whole filter+nat ruleset, or for a partial sync only the top-level chains and the changed
 * Services' chains, with stale chains deleted; chain names are upstream's hashes
 * ({@link io.j8s.proxy.iptables.ChainNames}); {@link io.j8s.proxy.iptables.IptablesProxier} is
 * the applier (jump rules from the built-in chains, one {@code iptables-restore --noflush});
 * {@link io.j8s.proxy.iptables.RestorePayload} shapes the payload for the tool (unchanged top-level
 * chains left out of partial syncs, a table-wide first command for iptables-nft's chain cache).
 * Host parameters ({@code route_localnet} for NodePorts on 127.0.0.1, {@code bridge-nf-call-iptables}
 * for pods reaching Services whose endpoints share their bridge) are set by
 * {@link io.j8s.proxy.KubeProxy} through {@code hostnet.sysctl} (see HostSettings).
 */
package io.j8s.proxy.iptables;
