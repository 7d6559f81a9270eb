/**
 * The node's CNI network configuration: {@link io.j8s.network.cni.CniConflist} renders the
 * standard chain for the node's podCIDR (bridge {@code cni0} as the pods' gateway with hairpin
 * mode, host-local IPAM over the node subnet with its state under the agent dir, portmap for
 * hostPorts) as a value; {@link io.j8s.network.cni.ConflistWriter} writes it atomically into the
 * conf dir containerd watches, and {@link io.j8s.network.cni.CniPlugins} checks that the plugin
 * binaries are there. Masquerading: Debian's bridge plugin (1.1.1) can only masquerade what
 * leaves the pod's own subnet (its rule exempts the IPAM subnet and multicast, nothing else), so
 * it cannot exempt the rest of the cluster CIDR; the chain sets {@code ipMasq: true}, which also
 * SNATs pod traffic to other nodes' pods, until the network provider installs its own
 * masquerade rules with the cluster CIDR exempt (as flannel does) and turns it off.
 */
package io.j8s.network.cni;
