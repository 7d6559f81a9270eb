/**
 * Several isolated network-namespace "hosts" on one machine, joined by a Linux bridge in a parent
 * namespace that plays the physical network ({@link io.j8s.testkit.netns.NetnsLan}); the caller's
 * own namespace can join the same LAN to reach them. Each host runs its processes through
 * {@code ip netns exec} with the cgroup hierarchies mounted again inside (as
 * {@code scripts/netns-host.sh} does), so containerd and runc work there. Nothing has a route out.
 */
package io.j8s.testkit.netns;
