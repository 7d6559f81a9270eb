/**
 * The node agent (kubelet). Today: the container runtime it drives — a containerd it supervises
 * ({@code containerd}), the CRI client it talks to it with ({@code cri}) and the local images it
 * loads offline ({@code images}). {@link io.j8s.kubelet.ContainerRuntime} puts the three together.
 */
package io.j8s.kubelet;
