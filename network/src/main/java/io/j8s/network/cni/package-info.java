/**
 * The node's CNI network configuration: {@link io.j8s.network.cni.CniConflist} renders the
 * standard chain for the node's podCIDR (bridge {@code cni0} as the pods' gateway with hairpin
 * mode, host-local IPAM over the node subnet with its state under the agent dir, portmap for
 * hostPorts) as a value; {@link io.j8s.network.cni.ConflistWriter} writes it atomically into the
 * conf dir containerd watches, and {@link io.j8s.network.cni.CniPlugins} checks that the plugin
 * binaries are there, and {@link io.j8s.network.cni.HostLocalAllocations} releases the addresses
 * host-local still holds for sandboxes that no longer exist (e.g. gone while the agent was down).
 * Masquerading is not the bridge plugin's ({@code ipMasq: false}: Debian's 1.1.1 could only exempt
 * the pod's own subnet) but the network provider's ({@code io.j8s.network.flannel}), which exempts
 * the whole cluster CIDR as flannel does.
 */
package io.j8s.network.cni;
