package io.j8s.network.policy;

import java.util.List;

/** How this node's kube-proxy takes a pod's traffic to a Service's endpoints, as far as the policy table must know. */
public sealed interface ServicePath {
  /** iptables and nftables modes: DNAT before the forward hook; nothing to add. */
  ServicePath KERNEL = new Kernel();

  record Kernel() implements ServicePath {}

  /** The userspace mode: a relay judges (and connects from) the nodes; {@code nodes} are every node's source addresses. */
  record Relay(List<String> nodes) implements ServicePath {
    public Relay {
      nodes = nodes.stream().sorted().distinct().toList();
    }
  }

  /** The ipvs mode: IPVS serves {@code serviceRanges} (CIDRs) at input and sends on through output. */
  record Ipvs(List<String> serviceRanges) implements ServicePath {
    public Ipvs {
      serviceRanges = List.copyOf(serviceRanges);
    }
  }
}
