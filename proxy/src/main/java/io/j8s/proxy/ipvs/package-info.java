/**
 * The ipvs mode, as upstream's ipvs proxier: every service address (ClusterIP, externalIPs,
 * LoadBalancer ingress) is bound to the dummy device {@code kube-ipvs0} and each address and port,
 * plus each NodePort on every node address, is one IPVS virtual server (scheduler {@code rr} unless
 * {@code --ipvs-scheduler}; persistence for ClientIP affinity) whose masquerading real servers are
 * the port's usable endpoints; masquerade, hairpin, NodePort, LoadBalancer source ranges and the
 * access filter are a fixed set of iptables chains matching upstream's ipsets (KUBE-CLUSTER-IP,
 * KUBE-LOOP-BACK, KUBE-NODE-PORT-TCP, ...). {@link io.j8s.proxy.ipvs.IpvsRenderer} renders the whole
 * desired state as one value ({@link io.j8s.proxy.ipvs.IpvsDesired}), pure;
 * {@link io.j8s.proxy.ipvs.IpvsDiff} turns the current and desired IPVS tables into incremental
 * operations (removed TCP destinations are first quiesced with weight 0, as upstream's graceful
 * termination); {@link io.j8s.proxy.ipvs.IpvsProxier} applies it through {@code hostnet}.
 * {@link io.j8s.proxy.ipvs.IpvsKernel} says whether the kernel has IPVS at all.
 */
package io.j8s.proxy.ipvs;
