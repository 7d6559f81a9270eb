/**
 * The userspace mode ({@code --proxy-mode userspace}): Netty TCP and UDP proxies in the agent
 * process, one listener per service port and traffic scope, reached through iptables redirects of
 * the Service addresses (upstream's old userspace proxier's chains, KUBE-PORTALS-CONTAINER/-HOST
 * and KUBE-NODEPORT-CONTAINER/-HOST). Pure parts: {@link io.j8s.proxy.userspace.ListenerPlan}
 * (which listeners exist for a ProxyState, their portals and endpoints),
 * {@link io.j8s.proxy.userspace.PortalRules} (the iptables ruleset for a plan and the listeners'
 * ports) and {@link io.j8s.proxy.userspace.EndpointPicker} (round-robin with ClientIP affinity).
 * {@link io.j8s.proxy.userspace.UserspaceProxier} is the applier: it opens and closes
 * {@link io.j8s.proxy.userspace.TcpListener}s and {@link io.j8s.proxy.userspace.UdpListener}s,
 * then restores the rules with one {@code iptables-restore --noflush} through hostnet.iptables.
 * Portable Java: only the redirects need the kernel's iptables. Network policy: the relay's
 * connections come from the node, so it asks the node's policy engine
 * ({@link io.j8s.proxy.ConnectionPolicy}) before connecting a client to an endpoint and again for
 * what it relays when policies change; the redirects mark first packets and, when it judges, its
 * connections carry a DSCP ({@link io.j8s.api.net.UserspaceRelay}) the policy tables admit.
 */
package io.j8s.proxy.userspace;
