/**
 * A pod's volumes on the node. {@link io.j8s.kubelet.volume.VolumePlanner} computes, with pure code (objects read
 * through {@link io.j8s.kubelet.env.ObjectLookup}), a {@link io.j8s.kubelet.volume.VolumePlan}: per volume where it
 * lives ({@code <agentDir>/pods/<uid>/volumes/<plugin>/<name>}, or the host path), whether it is a tmpfs and of
 * which size, and for configMap, secret, downwardAPI and projected volumes the exact files with their content and
 * modes. {@link io.j8s.kubelet.volume.VolumeApplier} makes the disk match: directories, tmpfs mounts (through
 * {@link io.j8s.kubelet.volume.Mounter}), hostPath type checks ({@link io.j8s.kubelet.volume.HostPathCheck}) and
 * file sets written by {@link io.j8s.kubelet.volume.AtomicWriter} in upstream's layout (a timestamped data dir, an
 * atomically swapped {@code ..data} symlink, user-visible links through it), swapping only when content changed;
 * so applying again is how a running pod's files follow their objects. {@link io.j8s.kubelet.volume.ContainerMounts}
 * turns a container's {@code volumeMounts} into CRI mounts (subPath checks against escaping the volume), and
 * {@link io.j8s.kubelet.volume.PodVolumes} is the pod worker's entry point, including idempotent teardown.
 */
package io.j8s.kubelet.volume;
