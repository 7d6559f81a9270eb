/**
 * Node IPAM (upstream's range allocator, IPv4 only): every Node without {@code spec.podCIDR}
 * gets the next free subnet of {@code --node-cidr-mask-size} bits from {@code --cluster-cidr},
 * written to {@code spec.podCIDR} and {@code spec.podCIDRs}. {@link
 * io.j8s.controllers.nodeipam.CidrSet} is the bitmap of subnets, {@link
 * io.j8s.controllers.nodeipam.NodeCidrs} the pure decisions per node (keep, assign, full,
 * release); the state is rebuilt from existing nodes whenever this process starts leading, a
 * podCIDR set by someone else is respected (and marked used when inside the range), a deleted
 * node's subnet is released, and a full range gives the node a {@code CIDRNotAvailable} event
 * and a retry.
 */
package io.j8s.controllers.nodeipam;
