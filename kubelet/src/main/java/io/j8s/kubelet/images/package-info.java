/**
 * Images without a registry: a deterministic tar writer ({@link io.j8s.kubelet.images.TarWriter}),
 * OCI image layouts built in memory ({@link io.j8s.kubelet.images.OciImage}), j8s's local images
 * made from the host's static busybox ({@link io.j8s.kubelet.images.LocalImages}: {@code
 * j8s.local/busybox:1} and the pause image {@code j8s.local/pause:1}), and the import of image
 * tarballs into containerd's {@code k8s.io} namespace, only when a tarball changed ({@link
 * io.j8s.kubelet.images.ImageImporter}).
 */
package io.j8s.kubelet.images;
