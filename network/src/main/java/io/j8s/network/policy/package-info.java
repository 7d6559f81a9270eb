/**
 * NetworkPolicy enforcement (networking.k8s.io/v1) on one node, for the pods on it, in table
 * {@code inet j8s-netpol}. {@link io.j8s.network.policy.PolicyCompiler} (pure) turns policies,
 * pods and namespace labels into each local pod's {@link io.j8s.network.policy.PodPolicy}: per
 * direction, not isolated or the {@link io.j8s.network.policy.Allowed} peers
 * ({@link io.j8s.network.policy.IpRanges}) per port list ({@link io.j8s.network.policy.PortRange});
 * {@link io.j8s.network.policy.PolicyRenderer} (pure) makes the {@link io.j8s.network.policy.PolicyTable}
 * value: base chains on forward (after service DNAT) and input (pods' traffic to the node is their
 * egress), {@code ct state established,related accept} first, verdict maps from a pod's address to
 * its chain, interval sets of peers, chains and sets named by their content's hash so equal ones
 * are shared. {@link io.j8s.network.policy.PolicyApplier} replaces the table in one {@code nft -f}
 * transaction and then deletes the conntrack entries of pods whose allowed set shrank, so
 * forbidden established connections are cut (allowed TCP ones are picked up again).
 * {@link io.j8s.network.policy.NetworkPolicyController} runs it in the agent from informers,
 * batched. No hidden exceptions: DNS and the API are reached only if a policy allows them; the
 * node itself always reaches its pods, as upstream. How the node's kube-proxy reaches endpoints
 * matters ({@link io.j8s.network.policy.ServicePath}): the iptables and nftables modes DNAT before
 * the forward hook; the userspace mode's relay makes its own connections, so the controller also
 * publishes cluster-wide {@link io.j8s.network.policy.PolicyVerdicts} for it to ask and the table
 * admits its redirected and relayed connections; IPVS takes a pod's packet at input and sends it on
 * through output, so the table leaves Service addresses alone at input and judges pod-sourced
 * packets at output. IPv4 only.
 */
package io.j8s.network.policy;
