/**
 * Static pods: the manifests in {@code <data-dir>/agent/pod-manifests/} (upstream's
 * {@code staticPodPath}), read without the API and re-read every few seconds. Owns: parsing a
 * manifest file (one pod, a list, or several YAML documents), upstream's naming of file pods
 * ({@link io.j8s.kubelet.staticpod.StaticPodManifests}: name suffixed with the node name,
 * namespace {@code default}, uid the hash of the pod, node and file, the config.source/config.hash
 * annotations) and the poll loop ({@link io.j8s.kubelet.staticpod.ManifestDir}) that hands the
 * whole set to the pod manager, which runs them and keeps their mirror pods in the API.
 */
package io.j8s.kubelet.staticpod;
