/**
 * The pods bound to this node, run for real: a fabric8 informer on {@code spec.nodeName}, one
 * serial worker per pod (events, back-off expiry and a periodic resync queue the pod's uid), and
 * per sync: the pod's runtime state read from CRI by the {@code io.kubernetes.pod.uid} label
 * ({@link io.j8s.kubelet.pod.RuntimePod}; its objects taken from the once-a-second relist's
 * {@link io.j8s.kubelet.pod.RuntimeListing} while that is fresh for the pod, and after a start only
 * what the start made is read back), the actions computed as a value by pure code
 * ({@link io.j8s.kubelet.pod.ActionPlanner}, modelled on upstream's computePodActions), applied
 * through CRI ({@link io.j8s.kubelet.pod.PodApplier}: sandbox, image pulls, init containers in
 * order, app containers, crash-loop back-off, graceful termination), and the API status computed as
 * a value ({@link io.j8s.kubelet.pod.StatusBuilder}) and written through the status subresource only
 * when it changed. Owns: sandbox and container CRI configs, QoS, restart back-off, adoption of
 * running containers after an agent restart, removal of the runtime objects of vanished pods, and
 * a simple dead-container GC, postStart hooks (run before the container counts as started; a
 * failure kills it with FailedPostStartHook) and preStop hooks (within the grace period, before the
 * stop), the workers' events ({@link io.j8s.kubelet.pod.PodEvents}), static pods handed in by the
 * manifest source ({@link io.j8s.kubelet.pod.PodManager#updateStaticPods}: their status is kept in
 * memory and written to their mirror pods, {@link io.j8s.kubelet.pod.StaticPods}). Seams for other subsystems: {@link io.j8s.kubelet.pod.ContainerInputs}
 * (env and mounts), {@link io.j8s.kubelet.pod.ProbeResults} (probes), {@link io.j8s.kubelet.pod.LifecycleHooks}
 * (hook handlers) and {@link io.j8s.kubelet.pod.PodEvents} (events). Each pod's start is traced
 * step by step until its status first shows Running and logged as one line
 * ({@link io.j8s.kubelet.pod.StartTrace}).
 */
package io.j8s.kubelet.pod;
