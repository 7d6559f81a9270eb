/**
 * The pods bound to this node, run for real: a fabric8 informer on {@code spec.nodeName}, one
 * serial worker per pod (events, back-off expiry and a periodic resync queue the pod's uid), and
 * per sync: the pod's runtime state read from CRI by the {@code io.kubernetes.pod.uid} label
 * ({@link io.j8s.kubelet.pod.RuntimePod}), the actions computed as a value by pure code
 * ({@link io.j8s.kubelet.pod.ActionPlanner}, modelled on upstream's computePodActions), applied
 * through CRI ({@link io.j8s.kubelet.pod.PodApplier}: sandbox, image pulls, init containers in
 * order, app containers, crash-loop back-off, graceful termination), and the API status computed as
 * a value ({@link io.j8s.kubelet.pod.StatusBuilder}) and written through the status subresource only
 * when it changed. Owns: sandbox and container CRI configs, QoS, restart back-off, adoption of
 * running containers after an agent restart, removal of the runtime objects of vanished pods, and
 * a simple dead-container GC. Seams for other subsystems: {@link io.j8s.kubelet.pod.ContainerInputs}
 * (env and mounts) and {@link io.j8s.kubelet.pod.ProbeResults} (probes).
 */
package io.j8s.kubelet.pod;
