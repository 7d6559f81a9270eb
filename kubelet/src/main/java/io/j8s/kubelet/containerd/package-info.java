/**
 * The node's own containerd: where its files live ({@link io.j8s.kubelet.containerd.ContainerdPaths}),
 * its generated configuration ({@link io.j8s.kubelet.containerd.ContainerdConfig}: root, state,
 * socket, CNI directories and pause image under the j8s data dir, cgroup driver, snapshotter chosen
 * by {@link io.j8s.kubelet.containerd.SnapshotterProbe}), and the {@link
 * io.j8s.kubelet.containerd.ContainerdSupervisor} that runs it as a child process, waits until CRI
 * answers, restarts it when it dies and stops it on close. A system containerd is never touched.
 */
package io.j8s.kubelet.containerd;
