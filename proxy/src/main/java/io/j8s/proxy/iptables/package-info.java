/**
 * The iptables mode, upstream kube-proxy's layout and names so operators' {@code iptables-save}
 * runbooks work unchanged: {@link io.j8s.proxy.iptables.IptablesRenderer} (pure) renders the
 * whole filter+nat ruleset, or for a partial sync only the top-level chains and the changed
 * Services' chains, with stale chains deleted; chain names are upstream's hashes
 * ({@link io.j8s.proxy.iptables.ChainNames}); {@link io.j8s.proxy.iptables.IptablesProxier} is
 * the applier (jump rules from the built-in chains, one {@code iptables-restore --noflush}).
 * Host assumptions: {@code net.ipv4.conf.all.route_localnet=1} for NodePorts on 127.0.0.1 (set
 * by the caller through hostnet; without it those connections are simply not answered), and
 * {@code net.bridge.bridge-nf-call-iptables=1} when pods on one bridge reach each other through a
 * Service (hairpin): bridged frames must traverse iptables for the DNAT and masquerade to apply.
 */
package io.j8s.proxy.iptables;
