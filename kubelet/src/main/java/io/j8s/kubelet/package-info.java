/**
 * The node agent (kubelet). {@link io.j8s.kubelet.Agent} wires it (config {@link io.j8s.kubelet.AgentConfig}):
 * the container runtime it drives — a containerd it supervises ({@code containerd}), the CRI
 * client it talks to it with ({@code cri}) and the local images it loads offline ({@code images}),
 * put together by {@link io.j8s.kubelet.ContainerRuntime} — then the Node, its status and Lease
 * ({@code node}), the pod network once the Node has a podCIDR (through {@link io.j8s.kubelet.PodNetwork},
 * which the {@code network} module implements and dist plugs in), and the node's workload components.
 */
package io.j8s.kubelet;
